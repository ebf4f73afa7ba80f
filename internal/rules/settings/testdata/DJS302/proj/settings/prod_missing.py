INSTALLED_APPS = ["django.contrib.auth"]  # want "AUTH_PASSWORD_VALIDATORS is not set"
