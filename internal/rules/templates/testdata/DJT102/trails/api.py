from rest_framework import mixins, permissions, response, serializers, views, viewsets

from .models import Difficulty, Guide, ImportedNote, Itinerary, Route, Survey


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


class FindingsShapeSerializer(serializers.Serializer):
    # checks a JSON report's shape; it defines no way to store it
    findings_html = serializers.CharField()


class ImportRowSerializer(serializers.Serializer):
    # looks alike, but stores what it checked
    note_html = serializers.CharField()

    def create(self, validated_data):
        return ImportedNote.objects.create(**validated_data)


class SurveyCardSerializer(serializers.ModelSerializer):
    class Meta:
        model = Survey
        fields = ["listing_html"]


class SurveyListViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    # lists surveys, and takes nothing
    queryset = Survey.objects.all()
    serializer_class = SurveyCardSerializer


class SurveyCheckView(views.APIView):
    def post(self, request):
        report = FindingsShapeSerializer(data=request.data)
        report.is_valid(raise_exception=True)
        return response.Response({"ok": True})


class NoteImportView(views.APIView):
    def post(self, request):
        row = ImportRowSerializer(data=request.data)
        row.is_valid(raise_exception=True)
        row.save()
        return response.Response({"ok": True})
