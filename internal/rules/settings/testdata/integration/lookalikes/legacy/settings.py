from legacy.loader import install


class Common:
    DEBUG = False
    INSTALLED_APPS = ["django.contrib.auth"]


class Live(Common):
    ALLOWED_HOSTS = ["legacy.example.com"]


install(Live, __name__)
