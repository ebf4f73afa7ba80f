DEBUG = False  # want "no LOGGING for django.security, no ADMINS and no error tracker"
