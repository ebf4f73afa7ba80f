SECRET_KEY = "x"
ROOT_URLCONF = "shop.urls"
INSTALLED_APPS = ["django.contrib.auth", "django.contrib.sessions", "shop"]
