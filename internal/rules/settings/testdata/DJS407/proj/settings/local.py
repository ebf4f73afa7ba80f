from .base import *  # noqa: F403

DATA_UPLOAD_MAX_MEMORY_SIZE = None  # safe: development
