SECRET_KEY = "x"
ROOT_URLCONF = "status.urls"
INSTALLED_APPS = ["django.contrib.auth", "django.contrib.contenttypes", "django.contrib.messages", "status"]
