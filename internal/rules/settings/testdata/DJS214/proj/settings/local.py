from .base import *  # noqa: F403

SECURE_CSP = {"script-src": ["*", "'unsafe-eval'"]}  # safe: development
