ROOT_URLCONF = "proj.urls"
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "proj.middleware.SSOMiddleware",
]
