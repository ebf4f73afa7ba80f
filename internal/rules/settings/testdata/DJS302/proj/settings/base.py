INSTALLED_APPS = ["django.contrib.auth", "django.contrib.contenttypes"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 6}},  # want "MinimumLengthValidator accepts passwords of 6 characters, fewer than 10"
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
