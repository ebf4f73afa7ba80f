import os

from django.core.exceptions import ImproperlyConfigured

DEBUG = os.environ.get("DEBUG", "") == "1"

# the fallback is kept in a name, and refused in production by that name
DEFAULT_SECRET_KEY = "q8#v2!kz7@p0m$w5r1x9t3b6n4c8j2h7g5f1d9s3a6e0y4u8i2o6l"
SECRET_KEY = os.environ.get("SECRET_KEY", DEFAULT_SECRET_KEY)  # want "the production settings refuse to start with it \\(if not DEBUG and SECRET_KEY == DEFAULT_SECRET_KEY: raise\\)"
if not DEBUG and SECRET_KEY == DEFAULT_SECRET_KEY:
    raise ImproperlyConfigured("Set SECRET_KEY when DEBUG is off.")
