INSTALLED_APPS = ["django.contrib.auth"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},  # want "accepts passwords of 8 characters"
]
