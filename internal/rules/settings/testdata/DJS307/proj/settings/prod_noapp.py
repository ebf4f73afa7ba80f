INSTALLED_APPS = ["django.contrib.auth", "django.contrib.sessions"]
SOCIAL_AUTH_SANITIZE_REDIRECTS = False  # safe: python-social-auth is not installed
