from .base import *  # noqa: F403

X_FRAME_OPTIONS = "ALLOWALL"  # want "which browsers ignore"
