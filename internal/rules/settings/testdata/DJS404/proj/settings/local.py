from .base import *  # noqa: F403

DATABASES["default"]["OPTIONS"] = {"sslmode": "disable"}  # safe: development
