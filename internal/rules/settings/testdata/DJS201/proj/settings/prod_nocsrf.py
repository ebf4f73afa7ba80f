from .base import *  # noqa: F403

MIDDLEWARE = [  # want "lacks django.middleware.csrf.CsrfViewMiddleware, so POST requests are not checked"
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
