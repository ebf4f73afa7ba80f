from rest_framework import serializers, viewsets

from .models import Difficulty, Guide, Itinerary


class DifficultySerializer(serializers.ModelSerializer):
    class Meta:
        model = Difficulty
        fields = ["id", "grade_label"]


class TrailsReadOnlyViewSet(viewsets.ReadOnlyModelViewSet):
    """The project's base for its public, read-only API."""


class DifficultyViewSet(TrailsReadOnlyViewSet):
    # read-only through its project base: the serializer only reads
    queryset = Difficulty.objects.all()
    serializer_class = DifficultySerializer


class SummarySerializer(serializers.Serializer):
    # a base of no model: its fields are written through the serializers
    # built on it, on their models
    summary_html = serializers.CharField()


class ItinerarySerializer(SummarySerializer, serializers.ModelSerializer):
    class Meta:
        model = Itinerary
        fields = ["summary_html"]


class GuideNotesSerializer(serializers.ModelSerializer):
    class Meta:
        model = Guide
        fields = ["notes_html"]


class GuideViewSet(viewsets.ReadOnlyModelViewSet):
    # the detail serializer of a read-only view reads
    queryset = Guide.objects.all()
    serializer_detail_class = GuideNotesSerializer
