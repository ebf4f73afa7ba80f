from .base import *  # noqa: F403

SESSION_COOKIE_AGE = 1209600  # safe: two weeks
