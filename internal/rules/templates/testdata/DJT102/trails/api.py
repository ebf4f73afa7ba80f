from rest_framework import serializers, viewsets

from .models import Difficulty


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
