import requests
from rest_framework import serializers

from .client import ping
from .models import Picture


class PictureSerializer(serializers.Serializer):
    source_url = serializers.URLField()
    name = serializers.CharField()

    def create(self, validated_data):
        # DRF's save() hands create what the client sent, validated
        if validated_data.get("name"):
            return Picture.objects.create_from_catalogue(validated_data["name"])
        return Picture.objects.create_from_url(validated_data["source_url"])


class HookSerializer(serializers.Serializer):
    target = serializers.URLField()

    def update(self, instance, validated_data):
        ping(validated_data["target"])
        return instance


class Summary:
    """Not a serializer: its create takes whatever its caller passes."""

    def create(self, validated_data):
        return requests.get(validated_data["source_url"], timeout=5)  # safe: not a serializer's create, which DRF fills from a request
