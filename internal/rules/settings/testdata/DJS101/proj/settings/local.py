from .base import *  # noqa: F403

DEBUG = True  # safe: local settings are for development
