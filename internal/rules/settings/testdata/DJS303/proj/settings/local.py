from .base import *  # noqa: F403

INSTALLED_APPS = ["django.contrib.auth"]  # safe: development
