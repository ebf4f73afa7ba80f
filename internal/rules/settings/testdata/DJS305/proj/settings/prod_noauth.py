INSTALLED_APPS = ["django.contrib.auth", "rest_framework"]
SECRET_KEY = "x"
ACCOUNT_LOGOUT_ON_GET = True  # safe: allauth is not installed, the setting does nothing
