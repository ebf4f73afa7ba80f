ROOT_URLCONF = "billing.urls"
INSTALLED_APPS = ["django.contrib.auth", "rest_framework", "billing"]
MIDDLEWARE = ["django.middleware.csrf.CsrfViewMiddleware"]
REST_FRAMEWORK = {"DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"]}
