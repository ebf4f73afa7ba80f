"""Settings of the partner portal, one django-configurations class per environment."""

from configurations import Configuration, values


class Base(Configuration):
    DEBUG = False
    SECRET_KEY = values.SecretValue()
    INSTALLED_APPS = ["django.contrib.auth", "django.contrib.contenttypes"]


class Development(Base):
    DEBUG = True
    # the login of the mail API's local mock
    MAIL_API_CREDENTIALS = "cG9ydGFsOmxvY2FsLXBhc3N3b3Jk"


class ContinuousIntegration(Development):
    MAIL_API_CREDENTIALS = "Y2k6Y2ktb25seS1wYXNzd29yZC05OQ"


class Production(Base):
    MAIL_API_CREDENTIALS = "cHJvZDpSNHhUOXdRMnZMOHpLM3BO"
