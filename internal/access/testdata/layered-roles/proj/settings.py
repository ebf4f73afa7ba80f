SECRET_KEY = "x"
DEBUG = False
ROOT_URLCONF = "proj.urls"
INSTALLED_APPS = ["django.contrib.auth", "django.contrib.sessions", "app"]
MIDDLEWARE = ["django.contrib.sessions.middleware.SessionMiddleware", "django.contrib.auth.middleware.AuthenticationMiddleware"]
