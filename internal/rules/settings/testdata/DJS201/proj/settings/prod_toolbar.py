import os

DEBUG = os.environ.get("DJANGO_DEBUG") == "1"
INSTALLED_APPS = []
MIDDLEWARE = [  # want `lacks django.middleware.csrf.CsrfViewMiddleware, so POST requests are not checked for CSRF tokens \(security.W003\); MIDDLEWARE has no SessionMiddleware either, so no cookie logs anyone in and the risk is low unless the project's own middleware authenticates by cookie$`
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
if DEBUG:
    MIDDLEWARE.append("debug_toolbar.middleware.DebugToolbarMiddleware")  # safe: only with DJANGO_DEBUG=1, and CSRF is missing either way
