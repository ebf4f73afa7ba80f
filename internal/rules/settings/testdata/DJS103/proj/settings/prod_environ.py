import environ

from .base import *  # noqa: F403

env = environ.Env()
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["*"])  # want "accepts any host .* whenever ALLOWED_HOSTS is unset"
