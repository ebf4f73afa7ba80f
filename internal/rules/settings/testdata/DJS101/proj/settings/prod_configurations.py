"""django-configurations: each class is a settings entry of its own."""
from configurations import Configuration, values


class Base(Configuration):
    DEBUG = values.BooleanValue(True)  # want "DEBUG is True whenever DJANGO_DEBUG is unset"


class Production(Base):
    pass


class Staging(Base):
    DEBUG = values.BooleanValue(False)  # safe: defaults to False


class Dev(Base):
    DEBUG = True  # safe: a development class
