SECRET_KEY = "x"
INSTALLED_APPS = ["django.contrib.auth", "django.contrib.sessions", "allauth", "allauth.account"]  # safe: allauth limits failed logins on its login page, the only one
