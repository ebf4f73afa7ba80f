from .base import *  # noqa: F403

INSTALLED_APPS = ["django.contrib.staticfiles"]
MIDDLEWARE = [  # safe: no sessions or auth app, so no session or auth middleware is needed
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
