from .base import *  # noqa: F403

SESSION_SERIALIZER = "django.contrib.sessions.serializers.JSONSerializer"  # safe: JSON
