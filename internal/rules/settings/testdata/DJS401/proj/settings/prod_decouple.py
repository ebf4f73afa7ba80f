from decouple import config

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.mysql",
        "PASSWORD": config("DB_PASSWORD", default=""),  # safe: empty default is not a password
    },
}
