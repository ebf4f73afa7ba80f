from proj.loader import load_api_settings

ROOT_URLCONF = "proj.urls"
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "proj.middleware.LoginWall",
]
# read from a file the operator writes: djsec cannot see its permissions
REST_FRAMEWORK = load_api_settings()
