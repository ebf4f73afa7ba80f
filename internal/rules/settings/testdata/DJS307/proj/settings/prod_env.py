import os

SOCIAL_AUTH_SANITIZE_REDIRECTS = os.getenv("SOCIAL_AUTH_SANITIZE_REDIRECTS") == "True"  # want "is False whenever SOCIAL_AUTH_SANITIZE_REDIRECTS"
INSTALLED_APPS = ["django.contrib.auth", "social_django"]
