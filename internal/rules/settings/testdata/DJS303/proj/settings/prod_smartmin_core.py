SECRET_KEY = "x"
INSTALLED_APPS = ["django.contrib.auth", "django.contrib.sessions", "smartmin"]  # want "nothing limits login attempts: no django-axes"
