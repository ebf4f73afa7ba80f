from .base import *  # noqa: F403

TIMING_MIDDLEWARE = "django.middleware.common.CommonMiddleware"
MIDDLEWARE = [TIMING_MIDDLEWARE] + [  # want `lacks django.contrib.sessions.middleware.SessionMiddleware, .*; but the project's own middleware sets request.user`
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "proj.sso.middleware.IdentityHeaderMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
