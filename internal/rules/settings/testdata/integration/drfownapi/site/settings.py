SECRET_KEY = "x"
DEBUG = False
ROOT_URLCONF = "site.urls"
INSTALLED_APPS = ["django.contrib.auth", "rest_framework", "judge"]
