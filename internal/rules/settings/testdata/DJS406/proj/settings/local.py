from .base import *  # noqa: F403

FILE_UPLOAD_PERMISSIONS = 0o777  # safe: development
