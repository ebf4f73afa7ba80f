from .base import *  # noqa: F403

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10000  # safe: fixed in staging
