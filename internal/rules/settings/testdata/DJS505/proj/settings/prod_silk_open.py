from .base import *  # noqa: F403

# only the login is asked: any account sees every recorded request
INSTALLED_APPS = ["django.contrib.auth", "silk"]  # want "silk is installed in production settings: django-silk records and shows every request, its SQL and its body$"
SILKY_AUTHENTICATION = True
MIDDLEWARE = ["django.middleware.security.SecurityMiddleware", "silk.middleware.SilkyMiddleware"]
