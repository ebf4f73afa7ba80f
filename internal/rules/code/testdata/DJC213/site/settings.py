SECRET_KEY = "x"
DEBUG = False
INSTALLED_APPS = ["rest_framework", "api", "drf", "addresses", "accounts", "feedback", "donations", "contact"]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]
