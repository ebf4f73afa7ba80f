from .base import *  # noqa: F403

CSRF_USE_SESSIONS = True  # safe: the token lives in the session, not a cookie
