from .base import *  # noqa: F403

SECURE_CROSS_ORIGIN_OPENER_POLICY = None  # safe: development
