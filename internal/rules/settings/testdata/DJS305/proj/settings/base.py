INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.sessions",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
]
SECRET_KEY = "x"
