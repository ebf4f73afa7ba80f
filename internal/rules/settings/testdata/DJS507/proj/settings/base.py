SESSION_SERIALIZER = "django.contrib.sessions.serializers.PickleSerializer"  # want "sessions are serialized with pickle$"
