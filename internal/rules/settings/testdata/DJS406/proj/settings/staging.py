from .base import *  # noqa: F403

FILE_UPLOAD_PERMISSIONS = 0o640  # safe: fixed in staging
