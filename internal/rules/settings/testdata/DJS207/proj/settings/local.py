from .base import *  # noqa: F403

SESSION_COOKIE_SECURE = False  # safe: development
