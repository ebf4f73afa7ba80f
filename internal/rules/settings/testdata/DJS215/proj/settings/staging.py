import os

from .base import *  # noqa: F403

CSRF_TRUSTED_ORIGINS = os.environ.get("TRUSTED", "http://staging.example.com").split(",")  # want "has 'http://staging.example.com', which trusts a plain-HTTP origin .* whenever TRUSTED is unset"
