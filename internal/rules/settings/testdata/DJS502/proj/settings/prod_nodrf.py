INSTALLED_APPS = ["django.contrib.auth"]
REST_FRAMEWORK = {"DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"]}  # safe: DRF not installed
