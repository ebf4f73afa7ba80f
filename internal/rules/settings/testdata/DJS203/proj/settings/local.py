from .base import *  # noqa: F403

SECURE_HSTS_SECONDS = 0  # safe: development
