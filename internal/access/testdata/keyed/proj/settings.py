ROOT_URLCONF = "proj.urls"
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "proj.middleware.ApiKeyCheck",
]
# the header API clients send their key in
API_KEY_HEADER = "HTTP_X_API_KEY"
