SECRET_KEY = "portal"
DEBUG = True  # want "DEBUG is True$"
ALLOWED_HOSTS = ["portal.example.com"]
ROOT_URLCONF = "portal.urls"
