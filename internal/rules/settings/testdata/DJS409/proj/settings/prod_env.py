import environ

from .base import *  # noqa: F403

env = environ.Env()
EMAIL_USE_SSL = env.bool("EMAIL_USE_SSL", default=True)  # safe: SSL by default
