from .base import *  # noqa: F403

JWT_AUTH = {"JWT_VERIFY": False}  # safe: development
