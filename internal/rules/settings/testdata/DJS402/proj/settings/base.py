DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "shop",
        "USER": "postgres",  # want "database \"default\" connects as the administrator account \"postgres\""
        "PASSWORD": "",  # want "database \"default\" on db.internal has an empty password"
        "HOST": "db.internal",
    },
}
