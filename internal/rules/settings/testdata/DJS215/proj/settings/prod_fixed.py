from .base import *  # noqa: F403

CSRF_TRUSTED_ORIGINS = ["https://shop.example.com"]  # safe: fixed
