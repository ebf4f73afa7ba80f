from decouple import config

SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = config("SESSION_HTTPONLY", default=False, cast=bool)  # want "SESSION_COOKIE_HTTPONLY is False whenever SESSION_HTTPONLY is unset"
MIDDLEWARE = ["django.contrib.sessions.middleware.SessionMiddleware"]
