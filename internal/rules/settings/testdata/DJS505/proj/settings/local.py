from .base import *  # noqa: F403

INSTALLED_APPS += ["debug_toolbar"]  # safe: development
