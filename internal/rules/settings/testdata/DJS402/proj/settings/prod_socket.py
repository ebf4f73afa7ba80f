DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "USER": "shop",
        "PASSWORD": "",  # safe: peer authentication over the local socket
        "HOST": "",
    },
}
