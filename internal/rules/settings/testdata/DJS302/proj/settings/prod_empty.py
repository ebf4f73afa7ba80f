INSTALLED_APPS = ["django.contrib.auth"]
AUTH_PASSWORD_VALIDATORS = []  # want "AUTH_PASSWORD_VALIDATORS is empty, so any password is accepted"
