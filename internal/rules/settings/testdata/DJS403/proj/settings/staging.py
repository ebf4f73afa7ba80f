import os

from .base import *  # noqa: F403

CELERY_BROKER_URL = os.environ["CELERY_BROKER_URL"]  # safe: required from the environment
