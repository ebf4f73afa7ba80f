INSTALLED_APPS = [  # want "nothing limits login attempts"
    "django.contrib.auth",
    "django.contrib.contenttypes",
]
