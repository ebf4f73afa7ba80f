from .base import *  # noqa: F403

MIDDLEWARE = [  # safe: subclasses of the security middleware count
    "proj.middleware.StrictSecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "proj.middleware.LoggingCsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
