from .base import *  # noqa: F403

REST_FRAMEWORK.pop("DEFAULT_AUTHENTICATION_CLASSES")  # safe: back to DRF's defaults
