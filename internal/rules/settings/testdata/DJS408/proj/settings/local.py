from .base import *  # noqa: F403

MEDIA_ROOT = BASE_DIR  # safe: development
