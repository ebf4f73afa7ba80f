"""Written for Django 1.8: MIDDLEWARE_CLASSES is the list in use."""
INSTALLED_APPS = ["django.contrib.auth", "django.contrib.sessions"]
MIDDLEWARE_CLASSES = (  # want "MIDDLEWARE_CLASSES lacks django.middleware.security.SecurityMiddleware"
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
)
