SECRET_KEY = "x"
ROOT_URLCONF = "packages.urls"
INSTALLED_APPS = ["django.contrib.auth", "django.contrib.contenttypes", "packages"]
