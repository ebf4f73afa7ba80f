import os

SECRET_KEY = os.environ["SECRET_KEY"]
DEBUG = False
ALLOWED_HOSTS = ["shop.example.org"]
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "rest_framework",
    "rest_framework.authtoken",
    "shop",
]
ROOT_URLCONF = "mysite.urls"
STATIC_URL = "assets/"
MEDIA_URL = "/uploads/"
LOGIN_URL = "/accounts/login/"
DATA_UPLOAD_MAX_MEMORY_SIZE = 5242880
