from .base import *  # noqa: F403

CELERY_ACCEPT_CONTENT = ["json"]  # safe: json only
CELERY_TASK_SERIALIZER = "json"  # safe
