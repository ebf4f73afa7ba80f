from .base import *  # noqa: F403

MIDDLEWARE = []  # safe: local settings are for development
