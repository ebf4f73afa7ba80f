from .base import *  # noqa: F403

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")  # safe: required from the environment
