from .base import *  # noqa: F403

with open("/run/secrets/django_key") as fh:
    SECRET_KEY = fh.read().strip()  # safe: read from a file at start-up
