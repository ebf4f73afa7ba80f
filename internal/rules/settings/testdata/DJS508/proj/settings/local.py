from .base import *  # noqa: F403

SESSION_COOKIE_AGE = 10**9  # safe: development
