import os

from .base import *  # noqa: F403

INSTALLED_APPS = ["django.contrib.auth"]
if os.environ.get("DJANGO_TOOLBAR") == "1":
    INSTALLED_APPS += ["debug_toolbar"]  # safe: only when DJANGO_TOOLBAR is set
