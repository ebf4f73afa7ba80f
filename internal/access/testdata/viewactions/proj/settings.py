SECRET_KEY = "x"
ROOT_URLCONF = "proj.urls"
INSTALLED_APPS = ["rest_framework", "notes"]
REST_FRAMEWORK = {"DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"]}
