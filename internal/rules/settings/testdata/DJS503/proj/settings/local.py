from .base import *  # noqa: F403

REST_FRAMEWORK = {"DEFAULT_AUTHENTICATION_CLASSES": ()}  # safe: development
