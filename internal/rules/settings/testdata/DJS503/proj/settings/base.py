INSTALLED_APPS = ["rest_framework"]
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],  # want "DEFAULT_AUTHENTICATION_CLASSES is empty, so every API request is anonymous"
}
