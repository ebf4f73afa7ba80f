ROOT_URLCONF = "site.urls"
INSTALLED_APPS = ["django.contrib.auth", "shop"]

# Set MIDDLEWARE_LOCAL in local_settings.py to add to these.
MIDDLEWARE_GLOBAL = [
    (100, "django.middleware.security.SecurityMiddleware"),
    (900, "django.contrib.sessions.middleware.SessionMiddleware"),
    (1050, "django.middleware.csrf.CsrfViewMiddleware"),
    (1100, "django.contrib.auth.middleware.AuthenticationMiddleware"),
]
