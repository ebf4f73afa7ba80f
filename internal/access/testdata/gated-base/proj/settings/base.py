# The servers name this module in DJANGO_SETTINGS_MODULE; dev and test build on it.
ROOT_URLCONF = "proj.urls"
SECRET_KEY = "from-the-environment"
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
]
