from .base import *  # noqa: F403

MIDDLEWARE = [  # want "MIDDLEWARE lacks django.contrib.auth.middleware.AuthenticationMiddleware"
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "proj.sso.middleware.HeaderAuditMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
