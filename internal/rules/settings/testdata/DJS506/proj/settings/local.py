from .base import *  # noqa: F403

LOGGING = {}  # safe: development
