import os

SECRET_KEY = os.environ["SECRET_KEY"]
DEBUG = False
ALLOWED_HOSTS = ["portal.example.org"]
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "rest_framework",
    "portal.auth",
]
# People log in through the company's identity provider only.
AUTHENTICATION_BACKENDS = ["portal.auth.backends.IdentityProviderBackend"]
