from .base import *  # noqa: F403

CELERY_BROKER_URL = "redis://:dev@localhost:6379/0"  # safe: development
