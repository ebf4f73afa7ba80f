import environ

from .base import *  # noqa: F403

env = environ.Env(DEBUG=(bool, True))
DEBUG = env("DEBUG")  # want "DEBUG is True whenever DEBUG is unset"
