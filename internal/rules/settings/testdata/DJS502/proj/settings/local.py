from .base import *  # noqa: F403

REST_FRAMEWORK = {}  # safe: development
