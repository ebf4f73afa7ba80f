from .base import *  # noqa: F403

REST_FRAMEWORK = {"DEFAULT_THROTTLE_CLASSES": []}  # safe: development
