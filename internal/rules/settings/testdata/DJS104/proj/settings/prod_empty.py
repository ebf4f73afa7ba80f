from .base import *  # noqa: F403

ALLOWED_HOSTS = []  # want "ALLOWED_HOSTS is empty$"
