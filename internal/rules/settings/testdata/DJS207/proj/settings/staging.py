import os

from .base import *  # noqa: F403

SESSION_COOKIE_SECURE = True  # safe: fixed in staging
SESSION_COOKIE_SAMESITE = "Lax"  # safe: fixed in staging
SESSION_COOKIE_HTTPONLY = os.environ.get("SESSION_HTTPONLY", "1") == "1"  # safe: on by default
