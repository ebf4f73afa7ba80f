INSTALLED_APPS = ["django.contrib.auth"]
AUTH_PASSWORD_VALIDATORS = [  # want "AUTH_PASSWORD_VALIDATORS has no MinimumLengthValidator"
    {"NAME": "proj.auth.validators.NoDigitsOnlyValidator"},
]
