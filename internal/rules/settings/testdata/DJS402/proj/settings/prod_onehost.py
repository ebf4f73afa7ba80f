DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "shop",
        "USER": "postgres",  # want "connects as the administrator account \"postgres\"; on a database of this machine"
        "PASSWORD": "k8Lw2Qz9",
        "HOST": "localhost",
    },
}
