from .base import *  # noqa: F403

CORS_ALLOW_ALL_ORIGINS = False  # safe: fixed in staging
CORS_ALLOWED_ORIGIN_REGEXES = [
    r"^https://\w+\.example\.com$",  # safe: anchored to the site's domain
    r"^https?://.*$",  # want "CORS_ALLOWED_ORIGIN_REGEXES has .*, which matches every origin; with CORS_ALLOW_CREDENTIALS"
]
