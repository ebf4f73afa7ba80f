INSTALLED_APPS = ["django.contrib.auth"]
AUTH_PASSWORD_VALIDATORS = []  # want "AUTH_PASSWORD_VALIDATORS is empty, so Django.s password checks [(]the auth forms, validate.password, createsuperuser[)] accept any password$"
