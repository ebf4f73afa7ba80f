from .base import *  # noqa: F403

SECURE_HSTS_PRELOAD = False  # want "SECURE_HSTS_PRELOAD is False"
