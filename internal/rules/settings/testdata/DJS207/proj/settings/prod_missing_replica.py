from .prod_missing import *  # safe: the setting it lacks is reported once, in prod_missing, for both modules

DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "NAME": "replica"}}
