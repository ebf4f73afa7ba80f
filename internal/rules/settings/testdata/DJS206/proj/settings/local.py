from .base import *  # noqa: F403

SECURE_SSL_REDIRECT = False  # safe: development
