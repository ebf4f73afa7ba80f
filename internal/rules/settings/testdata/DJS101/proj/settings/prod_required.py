import os

from .base import *  # noqa: F403

DEBUG = os.environ["DJANGO_DEBUG"] == "1"  # safe: no default; the deployment must set it
