from .base import *  # noqa: F403

DATABASES["default"]["PASSWORD"] = "dev"  # safe: development
