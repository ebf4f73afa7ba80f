INSTALLED_APPS = ["django.contrib.staticfiles"]
AUTH_PASSWORD_VALIDATORS = []  # safe: no auth app, no passwords
