from .base import *  # noqa: F403

CSRF_COOKIE_SECURE = True  # safe: fixed in staging
