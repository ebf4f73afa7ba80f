from .base import *  # noqa: F403

MIDDLEWARE = ["django.contrib.auth.middleware.AuthenticationMiddleware", "django.contrib.sessions.middleware.SessionMiddleware"]  # safe: development
