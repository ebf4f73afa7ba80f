import os

SECRET_KEY = os.environ["SECRET_KEY"]
INSTALLED_APPS = ["django.contrib.auth", "django.contrib.sessions", "shop"]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]
# no CORS headers: other origins cannot send credentialed fetch requests
