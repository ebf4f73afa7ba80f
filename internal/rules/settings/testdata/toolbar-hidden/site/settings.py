import os

DEBUG = os.environ.get("DJANGO_DEBUG", "False") == "True"

INSTALLED_APPS = [
    "django.contrib.auth",
    "debug_toolbar",  # want "debug_toolbar is installed in production settings: .*; but DEBUG is off whenever DJANGO_DEBUG is unset"
]

INTERNAL_IPS = ["127.0.0.1"]
