from dataclasses import dataclass

from rest_framework import serializers

from .models import Notice


@dataclass
class SearchRequest:
    text: str
    page: int


class SearchRequestSerializer(serializers.Serializer):
    """Reads a search's parameters from the query string."""

    text = serializers.CharField()
    page = serializers.IntegerField(default=1)

    def create(self, validated_data):
        return SearchRequest(**validated_data)


class SavedSearchSerializer(serializers.Serializer):
    """Looks alike: keeps the search as a notice."""

    text = serializers.CharField()

    def create(self, validated_data):
        return Notice.objects.create(read=None)
