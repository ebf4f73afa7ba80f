# the sessions app is installed, but no middleware sets a session cookie
INSTALLED_APPS = ["django.contrib.sessions", "django.contrib.messages"]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.common.CommonMiddleware",
]
SESSION_COOKIE_SECURE = False  # safe: MIDDLEWARE has no session middleware
