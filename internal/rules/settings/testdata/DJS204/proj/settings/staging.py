from .base import *  # noqa: F403

SECURE_HSTS_INCLUDE_SUBDOMAINS = True  # safe: subdomains covered
