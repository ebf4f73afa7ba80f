import environ

from .base import *  # noqa: F403

env = environ.Env()
SECRET_KEY = env("SECRET_KEY", default="changeme")  # want "SECRET_KEY falls back to a literal whenever SECRET_KEY is unset; the key is also weak: it has 8 characters"
