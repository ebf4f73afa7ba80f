import os

from .base import *  # noqa: F403

DATABASES["default"]["PASSWORD"] = os.environ["DB_PASSWORD"]  # safe: required from the environment
