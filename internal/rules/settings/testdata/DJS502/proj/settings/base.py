INSTALLED_APPS = ["django.contrib.auth", "rest_framework"]
REST_FRAMEWORK = {
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],  # want "DEFAULT_PERMISSION_CLASSES is AllowAny, so API views without their own permission_classes are public"
}
