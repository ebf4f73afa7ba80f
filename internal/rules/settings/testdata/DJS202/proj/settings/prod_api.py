from .base import *  # noqa: F403

# An API: no slash or www redirects, so CommonMiddleware answers nothing itself.
APPEND_SLASH = False
MIDDLEWARE = [
    "django.middleware.common.CommonMiddleware",
    "django.middleware.security.SecurityMiddleware",  # safe: CommonMiddleware passes every request on
]
