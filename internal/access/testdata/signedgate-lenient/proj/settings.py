ROOT_URLCONF = "proj.urls"
MIDDLEWARE = [
    "proj.middleware.SignatureRequired",
    "django.contrib.sessions.middleware.SessionMiddleware",
]
CLIENT_SECRETS = {"ui": "from-the-environment"}
