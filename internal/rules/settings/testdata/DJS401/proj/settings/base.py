DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "shop",
        "USER": "shop",
        "PASSWORD": "shopfront123",  # want "the password of database \"default\" is a literal in the source"
        "HOST": "db.internal",
    },
}
