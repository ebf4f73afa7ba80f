from .base import *  # noqa: F403

SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"  # safe: fixed in staging
