SECRET_KEY = "x"
INSTALLED_APPS = ["django.contrib.admin", "django.contrib.auth", "allauth", "allauth.account"]  # want "on the admin's login page: .*; django-allauth limits failed logins on its own login page"
