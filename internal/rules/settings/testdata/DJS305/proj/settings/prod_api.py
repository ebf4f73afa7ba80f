INSTALLED_APPS = ["django.contrib.auth", "rest_framework", "allauth", "allauth.account"]
SECRET_KEY = "x"
SOCIALACCOUNT_LOGIN_ON_GET = True  # safe: allauth.socialaccount is not installed, the setting does nothing
