INSTALLED_APPS = ["django.contrib.sessions"]  # want "SESSION_COOKIE_SECURE is not set"
