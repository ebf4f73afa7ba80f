# Used by docker-compose.yml for local development.
import os

from .dev import *  # noqa: F403

DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "HOST": "db", "PASSWORD": os.environ.get("SQL_PASSWORD", "")}}
SECRET_KEY = os.environ.get("SECRET_KEY", "docker-dev-key")
