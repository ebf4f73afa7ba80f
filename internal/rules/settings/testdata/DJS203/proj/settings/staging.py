from .base import *  # noqa: F403

SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365  # safe: one year
