from .base import *  # noqa: F403

MIDDLEWARE = [  # safe: the proxy-header login middleware derives from AuthenticationMiddleware and sets request.user
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "proj.sso.middleware.HeaderLoginMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
