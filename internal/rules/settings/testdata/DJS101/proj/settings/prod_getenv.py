import os

from .base import *  # noqa: F403

DEBUG = bool(int(os.getenv("DEBUG", "0")))  # safe: defaults to 0
