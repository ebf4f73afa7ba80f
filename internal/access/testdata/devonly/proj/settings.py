ROOT_URLCONF = "proj.urls"
MIDDLEWARE = ["django.middleware.csrf.CsrfViewMiddleware"]
