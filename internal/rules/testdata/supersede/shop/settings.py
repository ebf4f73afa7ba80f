"""Production settings of the shop."""

import os

SECRET_KEY = os.environ["SECRET_KEY"]
DEBUG = False
ALLOWED_HOSTS = ["shop.example.com"]
INSTALLED_APPS = ["django.contrib.auth", "django.contrib.contenttypes", "shop"]
# a browser key for the store locator's map
GOOGLE_MAPS_API_KEY = "AIzaSyC3kQm9v_Zt4Lw8pXr2Nb6Yh1Ds0Je7Fgq"
