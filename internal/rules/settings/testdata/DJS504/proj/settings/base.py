INSTALLED_APPS = ["rest_framework"]
REST_FRAMEWORK = {  # want "REST_FRAMEWORK has no DEFAULT_THROTTLE_CLASSES"
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
}
