ROOT_URLCONF = "site.urls"
INSTALLED_APPS = ["horizon", "dashboards.project", "dashboards.status"]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]
