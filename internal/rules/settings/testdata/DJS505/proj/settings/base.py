INSTALLED_APPS = [
    "django.contrib.auth",
    "django_extensions",  # want "django_extensions is installed in production settings"
    "debug_toolbar",  # want "debug_toolbar is installed in production settings"
]

DEBUG_TOOLBAR_CONFIG = {"SHOW_TOOLBAR_CALLBACK": "proj.toolbar.show_to_staff"}
