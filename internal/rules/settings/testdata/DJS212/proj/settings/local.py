from .base import *  # noqa: F403

SECURE_CONTENT_TYPE_NOSNIFF = False  # safe: development
