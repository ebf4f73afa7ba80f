from .base import *  # noqa: F403

MIDDLEWARE.insert(0, "django.middleware.security.SecurityMiddleware")  # safe: added in front
MIDDLEWARE += ["django.middleware.clickjacking.XFrameOptionsMiddleware"]  # safe: added at the end
