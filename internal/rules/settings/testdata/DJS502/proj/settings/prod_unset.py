INSTALLED_APPS = ["rest_framework"]  # want "REST_FRAMEWORK is not set"
