SECRET_KEY = "x"
INSTALLED_APPS = ["django.contrib.auth", "django.contrib.sessions", "allauth", "allauth.account"]  # want "nothing limits login attempts: no django-axes"
ACCOUNT_RATE_LIMITS = False
