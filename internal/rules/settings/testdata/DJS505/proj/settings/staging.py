from .base import *  # noqa: F403

INSTALLED_APPS.remove("django_extensions")  # safe: removed for staging
