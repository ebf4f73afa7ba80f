from .base import *  # noqa: F403

DATABASES["default"]["OPTIONS"]["sslmode"] = "verify-full"  # safe: verified TLS
