import os

from .base import *  # noqa: F403

try:
    SECRET_KEY = os.environ["SECRET_KEY"]
except KeyError:
    SECRET_KEY = "fallback-key-for-dev"  # want "SECRET_KEY falls back to a literal whenever SECRET_KEY is unset"
