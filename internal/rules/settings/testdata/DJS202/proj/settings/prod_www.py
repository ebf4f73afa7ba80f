from .base import *  # noqa: F403

APPEND_SLASH = False
PREPEND_WWW = True
MIDDLEWARE = [
    "django.middleware.common.CommonMiddleware",
    "django.middleware.security.SecurityMiddleware",  # want "SecurityMiddleware comes after CommonMiddleware"
]
