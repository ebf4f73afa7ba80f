SECRET_KEY = "x"
DEBUG = False
INSTALLED_APPS = ["rest_framework", "api", "drf", "addresses", "accounts", "feedback", "donations", "contact", "plans", "downloads", "ballots", "suggestions", "tools"]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]

# the development login and the demo seeding are off in production;
# settings_local.py turns them on
ENABLE_AUTO_AUTH = False
DEMO_SEEDING = True
