from .base import *  # noqa: F403

SOCIAL_AUTH_SANITIZE_REDIRECTS = False  # safe: development
