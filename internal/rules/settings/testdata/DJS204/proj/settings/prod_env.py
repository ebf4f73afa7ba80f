import environ

from .base import *  # noqa: F403

env = environ.Env()
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("HSTS_SUBDOMAINS", default=False)  # want "SECURE_HSTS_INCLUDE_SUBDOMAINS is False whenever HSTS_SUBDOMAINS is unset"
