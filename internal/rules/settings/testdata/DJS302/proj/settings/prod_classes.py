"""django-configurations: Demo derives from Production, which sets no
password validators; setting them in Production fixes both, so the
finding is Production's alone."""
from configurations import Configuration


class Production(Configuration):  # want "AUTH_PASSWORD_VALIDATORS is not set"
    INSTALLED_APPS = ["django.contrib.auth", "django.contrib.contenttypes"]
    DEBUG = False


class Demo(Production):  # safe: the finding is its base's, Production
    ALLOWED_HOSTS = ["demo.example.com"]
