import os

from .base import *  # noqa: F403

SECURE_HSTS_SECONDS = int(os.environ.get("HSTS_SECONDS", "0"))  # want "SECURE_HSTS_SECONDS is 0, so HSTS is off whenever HSTS_SECONDS is unset"
