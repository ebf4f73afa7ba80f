from rest_framework import permissions, serializers, viewsets

from .models import Difficulty, Guide, Itinerary, Route


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


class BackOfficeViewSet(viewsets.ModelViewSet):
    """The project's base for its back-office API: model permissions."""

    permission_classes = [permissions.DjangoModelPermissions]


class RouteSerializer(serializers.ModelSerializer):
    class Meta:
        model = Route
        fields = ["overview_html"]


class RouteViewSet(BackOfficeViewSet):
    # the base's permissions: staff with the model's permissions write
    queryset = Route.objects.all()
    serializer_class = RouteSerializer


class MembersViewSet(viewsets.ModelViewSet):
    permission_classes = [permissions.IsAuthenticated]


class RouteFeedbackSerializer(serializers.ModelSerializer):
    class Meta:
        model = Route
        fields = ["feedback_html"]


class RouteFeedbackViewSet(MembersViewSet):
    # any signed-in user writes
    queryset = Route.objects.all()
    serializer_class = RouteFeedbackSerializer
