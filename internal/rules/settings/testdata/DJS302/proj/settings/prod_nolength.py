INSTALLED_APPS = ["django.contrib.auth"]
AUTH_PASSWORD_VALIDATORS = [  # want "has no MinimumLengthValidator"
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
