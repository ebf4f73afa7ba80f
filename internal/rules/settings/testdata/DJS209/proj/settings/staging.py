from .base import *  # noqa: F403

X_FRAME_OPTIONS = "DENY"  # safe: fixed in staging
