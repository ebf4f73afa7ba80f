INSTALLED_APPS = ["django.contrib.auth"]
CORS_ALLOW_ALL_ORIGINS = True  # safe: django-cors-headers is not installed
