import environ

from .base import *  # noqa: F403

env = environ.Env()
DEBUG = env.bool("DJANGO_DEBUG", default=False)  # safe: defaults to False
