from .base import *  # noqa: F403

X_FRAME_OPTIONS = "SAMEORIGIN"  # safe: development
