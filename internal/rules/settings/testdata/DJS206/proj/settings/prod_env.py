import os

from .base import *  # noqa: F403

SECURE_SSL_REDIRECT = os.getenv("SSL_REDIRECT", "true").lower() == "true"  # safe: on by default
