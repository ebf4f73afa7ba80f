from .base import *  # noqa: F403

CORS_ALLOW_ALL_ORIGINS = True  # safe: development
