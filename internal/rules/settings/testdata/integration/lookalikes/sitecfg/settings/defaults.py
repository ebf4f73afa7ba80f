# Defaults for the site-settings app, read with getattr(settings, ...).
DEBUG = True
SECRET_KEY = "django-insecure-sitecfg-defaults-only"
ALLOWED_HOSTS = ["*"]
