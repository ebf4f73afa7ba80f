INSTALLED_APPS = ["django.contrib.sessions"]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "proj.middleware.SignedSessionMiddleware",
]
SESSION_COOKIE_SECURE = False  # want "SESSION_COOKIE_SECURE is False"
