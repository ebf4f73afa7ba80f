from decouple import config

from .base import *  # noqa: F403

DEBUG = config("DEBUG", default="on", cast=bool)  # want "DEBUG is True whenever DEBUG is unset"
