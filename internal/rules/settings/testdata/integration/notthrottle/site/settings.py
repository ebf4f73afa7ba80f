INSTALLED_APPS = [  # the rule looks here
    "django.contrib.auth",
    "django.contrib.sessions",
    "accounts",
]
