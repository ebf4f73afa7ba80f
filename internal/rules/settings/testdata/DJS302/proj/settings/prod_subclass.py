INSTALLED_APPS = ["django.contrib.auth"]
AUTH_PASSWORD_VALIDATORS = [  # safe: the project's validator derives from MinimumLengthValidator
    {"NAME": "proj.auth.validators.LongEnoughValidator", "OPTIONS": {"min_length": 12}},
]
