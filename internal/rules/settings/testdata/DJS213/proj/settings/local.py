from .base import *  # noqa: F403

MIDDLEWARE = []  # safe: development
