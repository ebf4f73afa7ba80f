from .base import *  # noqa: F403

SESSION_SERIALIZER = "myproj.serializers.PickleSerializer"  # safe: development
