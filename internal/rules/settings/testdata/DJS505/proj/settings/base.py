INSTALLED_APPS = [
    "django.contrib.auth",
    "django_extensions",  # want "django_extensions is installed in production settings"
]
