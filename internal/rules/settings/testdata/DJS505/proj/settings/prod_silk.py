from .base import *  # noqa: F403

INSTALLED_APPS = ["django.contrib.auth", "silk"]  # want "silk is installed in production settings: .*; but SILKY_AUTHENTICATION and SILKY_AUTHORISATION are on"
SILKY_AUTHENTICATION = True
SILKY_AUTHORISATION = True
