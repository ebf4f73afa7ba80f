from .base import *  # noqa: F403

CELERY_TASK_SERIALIZER = "pickle"  # safe: development
