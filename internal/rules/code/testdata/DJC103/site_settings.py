SECRET_KEY = "x"
ROOT_URLCONF = "accounts.urls"
INSTALLED_APPS = ["django.contrib.auth", "django.contrib.contenttypes", "accounts"]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]
