from .base import *  # noqa: F403

ALLOWED_HOSTS = []  # safe: local settings are for development
