import os

from .base import *  # noqa: F403

DEBUG = os.environ.get("DEBUG", "False") == "True"

# installed everywhere, recording only where DEBUG is on
INSTALLED_APPS = ["django.contrib.auth", "silk"]  # want "silk is installed in production settings: .*; but MIDDLEWARE has no silk.middleware.SilkyMiddleware whenever DEBUG is unset, so it records no request"
MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]
if DEBUG:
    MIDDLEWARE.append("silk.middleware.SilkyMiddleware")
