from rest_framework import serializers

from .models import Document


class ContactSerializer(serializers.ModelSerializer):
    class Meta:
        model = Document
        fields = ["id", "title"]


class FlatContactSerializer(ContactSerializer):
    pass


def letter_context(document):
    return {"contact": FlatContactSerializer(document).data}
