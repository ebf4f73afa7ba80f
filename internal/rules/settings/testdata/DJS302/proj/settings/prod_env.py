import environ

env = environ.Env()
INSTALLED_APPS = ["django.contrib.auth"]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": env.int("PASSWORD_MIN_LENGTH", default=14)},  # safe: 14 by default
    },
]
