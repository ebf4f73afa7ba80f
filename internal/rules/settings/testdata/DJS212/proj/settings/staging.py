from .base import *  # noqa: F403

SECURE_CONTENT_TYPE_NOSNIFF = True  # safe: fixed in staging
