from .base import *  # noqa: F403

LOGGING["loggers"]["django.security"] = {"handlers": ["console"], "level": "WARNING"}  # safe: security events logged
