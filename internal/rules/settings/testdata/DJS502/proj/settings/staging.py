from .base import *  # noqa: F403

REST_FRAMEWORK["DEFAULT_PERMISSION_CLASSES"] = ["rest_framework.permissions.IsAuthenticated"]  # safe: fixed in staging
