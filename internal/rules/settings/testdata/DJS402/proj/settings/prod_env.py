import os

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.mysql",
        "USER": os.environ.get("DB_USER", "root"),  # want "connects as the administrator account \"root\" whenever DB_USER is unset"
        "HOST": "localhost",
    },
}
