from .base import *  # noqa: F403

INSTALLED_APPS += ["axes"]  # safe: django-axes locks out brute force
