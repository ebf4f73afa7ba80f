from .base import *  # noqa: F403

SECURE_REFERRER_POLICY = "unsafe-url"  # safe: development
