DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "HOST": "db.internal",
        "OPTIONS": {"sslmode": "disable"},  # want "database \"default\": sslmode=disable lets the connection run without TLS"
    },
}
