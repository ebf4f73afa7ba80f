# the image of the compose stack: development settings with its database
from .settings_dev import *  # noqa: F401,F403

DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "HOST": "db"}}
