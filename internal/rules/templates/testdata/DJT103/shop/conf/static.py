from django.conf import settings as django_settings


class AppSettings:
    # the project's settings, with the app's defaults
    def __getattr__(self, name):
        return getattr(django_settings, name)
