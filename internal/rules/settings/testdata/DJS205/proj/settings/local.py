from .base import *  # noqa: F403

SECURE_HSTS_PRELOAD = False  # safe: development
