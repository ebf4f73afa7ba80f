ROOT_URLCONF = "proj.urls"
LOGIN_URL = "/sso/login/"
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "app.middleware.SSOClientMiddleware",
]
