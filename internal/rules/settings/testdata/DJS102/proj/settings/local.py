from .base import *  # noqa: F403

SECRET_KEY = "dev"  # safe: local settings are for development
