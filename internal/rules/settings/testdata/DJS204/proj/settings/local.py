from .base import *  # noqa: F403

SECURE_HSTS_INCLUDE_SUBDOMAINS = False  # safe: development
