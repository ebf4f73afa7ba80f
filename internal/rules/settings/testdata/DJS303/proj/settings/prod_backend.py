from .base import *  # noqa: F403

AUTHENTICATION_BACKENDS = [
    "defender.backends.DefenderBackend",  # safe: django-defender
    "django.contrib.auth.backends.ModelBackend",
]
