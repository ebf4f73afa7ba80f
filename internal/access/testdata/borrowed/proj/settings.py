SECRET_KEY = "x"
ROOT_URLCONF = "proj.urls"
INSTALLED_APPS = ["front", "legacy"]
MIDDLEWARE = ["django.middleware.csrf.CsrfViewMiddleware"]
