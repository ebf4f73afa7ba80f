from .base import *  # noqa: F403

MIDDLEWARE = [  # want `lacks django.contrib.sessions.middleware.SessionMiddleware, .*; but the project's own middleware sets request.user, nothing in the project uses the session`
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "proj.sso.middleware.IdentityHeaderMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
