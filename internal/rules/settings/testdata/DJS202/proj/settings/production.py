from .base import *  # noqa: F403

MIDDLEWARE = [
    "django.middleware.common.CommonMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",  # want "AuthenticationMiddleware comes before SessionMiddleware"
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.security.SecurityMiddleware",  # want "SecurityMiddleware comes after CommonMiddleware"
    "corsheaders.middleware.CorsMiddleware",  # want "CorsMiddleware comes after CommonMiddleware"
]
