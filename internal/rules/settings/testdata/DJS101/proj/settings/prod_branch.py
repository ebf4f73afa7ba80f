import os

from .base import *  # noqa: F403

DEBUG = False
if os.environ.get("DJANGO_ENV") == "dev":
    DEBUG = True  # safe: only when DJANGO_ENV is dev
