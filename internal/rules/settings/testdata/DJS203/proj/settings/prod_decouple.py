from decouple import config

from .base import *  # noqa: F403

SECURE_HSTS_SECONDS = config("HSTS_SECONDS", default=63072000, cast=int)  # safe: two years by default
