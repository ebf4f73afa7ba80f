DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "HOST": "127.0.0.1",
        "OPTIONS": {"sslmode": "disable"},  # safe: the database is on the same machine
    },
}
