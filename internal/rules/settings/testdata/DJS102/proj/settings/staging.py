from decouple import config

from .base import *  # noqa: F403

SECRET_KEY = config("SECRET_KEY")  # safe: required from the environment
