from .base import *  # noqa: F403

CSRF_TRUSTED_ORIGINS = ["http://localhost:8000"]  # safe: development
