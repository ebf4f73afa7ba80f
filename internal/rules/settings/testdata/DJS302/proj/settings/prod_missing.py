INSTALLED_APPS = ["django.contrib.auth"]  # want "AUTH_PASSWORD_VALIDATORS is not set, so Django.s password checks \\(the auth forms, validate.password, createsuperuser\\) accept any password$"
