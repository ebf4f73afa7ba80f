SECRET_KEY = "x"
ROOT_URLCONF = "packages.urls"
INSTALLED_APPS = ["django.contrib.auth", "django.contrib.contenttypes", "packages", "stats"]

# the demo reset is off in production; local settings turn it on
DEMO_RESET = False
