from .base import *  # noqa: F403

JWT_AUTH = {**JWT_AUTH, "JWT_VERIFY": True}  # safe: verified
