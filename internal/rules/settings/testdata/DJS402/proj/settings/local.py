from .base import *  # noqa: F403

DATABASES["default"]["USER"] = "postgres"  # safe: development
