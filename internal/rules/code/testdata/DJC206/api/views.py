from rest_framework import generics, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from . import serializers
from .models import Document
from .serializers import ClientSerializer, MemberSerializer, UserSerializer


class UserViewSet(viewsets.ModelViewSet):
    serializer_class = UserSerializer


class MemberList(generics.ListCreateAPIView):
    serializer_class = MemberSerializer


class ClientDetail(generics.RetrieveUpdateAPIView):
    def get_serializer_class(self):
        if self.request.method == "GET":
            return ClientSerializer
        return serializers.ClientWriteSerializer


class TagList(generics.ListCreateAPIView):
    serializer_class = serializers.TagSerializer


class AccountList(generics.ListCreateAPIView):
    serializer_class = serializers.AccountSerializer


class DocumentList(generics.ListCreateAPIView):
    serializer_class = serializers.DocumentSerializer


class OwnedDocumentList(generics.ListCreateAPIView):
    serializer_class = serializers.OwnedDocumentSerializer


class TitleOnlyList(generics.ListCreateAPIView):
    serializer_class = serializers.TitleOnlySerializer


class OwnerOpenList(generics.ListCreateAPIView):
    serializer_class = serializers.OwnerOpenSerializer


class DocumentViewSet(viewsets.ModelViewSet):
    # every write takes the create serializer, which lists its fields
    serializer_class = serializers.DocumentReadSerializer

    def get_serializer_class(self):
        if self.action in ("create", "update", "partial_update"):
            return serializers.DocumentCreateSerializer
        return super().get_serializer_class()


class PartlyRoutedDocumentViewSet(viewsets.ModelViewSet):
    # updates still take the serializer_class
    serializer_class = serializers.DocumentPartlyReadSerializer

    def get_serializer_class(self):
        if self.action in ("create",):
            return serializers.DocumentCreateSerializer
        return super().get_serializer_class()


class DeclaredOwnerList(generics.ListCreateAPIView):
    serializer_class = serializers.DeclaredOwnerSerializer


class DocumentFeed(viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.DocumentFeedSerializer


class DocumentExport(viewsets.ViewSet):
    def retrieve(self, request, pk=None):
        document = Document.objects.get(pk=pk)
        return Response(serializers.DocumentExportSerializer(document).data)

    def list(self, request):
        return Response(serializers.DocumentExportSerializer(Document.objects.all(), many=True).data)


class DocumentArchive(viewsets.ReadOnlyModelViewSet):
    # an extra action writes through the view's serializer
    serializer_class = serializers.DocumentArchiveSerializer

    @action(detail=False, methods=["post"])
    def restore(self, request):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        serializer.save()
        return Response(serializer.data)


class DocumentImport(generics.GenericAPIView):
    def post(self, request):
        serializer = serializers.DocumentImportSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        serializer.save()
        return Response(serializer.data)


class StrippedDocumentList(generics.ListCreateAPIView):
    serializer_class = serializers.StrippedDocumentSerializer


class PoppedDocumentList(generics.ListCreateAPIView):
    serializer_class = serializers.PoppedDocumentSerializer


class TitleStrippedList(generics.ListCreateAPIView):
    serializer_class = serializers.TitleStrippedSerializer


class DocumentTable(generics.ListCreateAPIView):
    def get_serializer_class(self):
        # the CSV export answers GET only; a POST gets the draft serializer
        if self.request.method == "GET" and self.request.query_params.get("format") == "csv":
            return serializers.DocumentCsvSerializer
        return serializers.DocumentDraftSerializer


class DocumentCard(generics.RetrieveAPIView):
    queryset = Document.objects.all()

    def get_serializer(self, *args, **kwargs):
        # a view that takes no writes builds its serializer here
        serializer_class = serializers.DocumentCardSerializer
        return serializer_class(*args, **kwargs)


class VisibleDocumentsMixin:
    def get_queryset(self):
        return Document.objects.filter(title__isnull=False)


class DocumentPanel(VisibleDocumentsMixin, generics.ListAPIView):
    serializer_class = serializers.DocumentPanelSerializer


class WritingMixin:
    def post(self, request):
        return Response(status=201)


class DocumentDesk(WritingMixin, generics.ListAPIView):
    # looks alike: its mixin takes posts
    serializer_class = serializers.DocumentArchiveSerializer


class DocumentLog(viewsets.GenericViewSet):
    queryset = Document.objects.all()

    # an action answers GET unless told otherwise: it serializes for output
    @action(detail=True, serializer_class=serializers.DocumentHistorySerializer)
    def history(self, request, pk=None):
        return Response(self.get_serializer(self.get_object()).data)

    @action(detail=True, methods=["post"], serializer_class=serializers.DocumentStampSerializer)
    def stamp(self, request, pk=None):
        s = self.get_serializer(self.get_object(), data=request.data)
        s.is_valid(raise_exception=True)
        s.save()
        return Response(s.data)


class Folders(generics.CreateAPIView):
    serializer_class = serializers.FolderSerializer


class Binders(generics.CreateAPIView):
    serializer_class = serializers.BinderSerializer


class ClerkList(generics.ListCreateAPIView):
    serializer_class = serializers.ClerkSerializer


class DocumentDesk(viewsets.ModelViewSet):
    queryset = Document.objects.all()
    # get_serializer_class picks by self.action: the delete and the GET
    # action serialize for output; create and the POST action take data
    serializer_classes = {
        "destroy": serializers.DocumentRemoveSerializer,
        "totals": serializers.DocumentTotalsSerializer,
        "create": serializers.DocumentNewSerializer,
        "redraft": serializers.DocumentRedraftSerializer,
    }

    def get_serializer_class(self):
        return self.serializer_classes[self.action]

    @action(detail=True, methods=["get"])
    def totals(self, request, pk=None):
        return Response(self.get_serializer(self.get_object()).data)

    @action(detail=True, methods=["post"])
    def redraft(self, request, pk=None):
        s = self.get_serializer(self.get_object(), data=request.data)
        s.is_valid(raise_exception=True)
        s.save()
        return Response(s.data)


class DocumentStats(viewsets.ModelViewSet):
    # a ModelViewSet that answers GET alone: DRF answers 405 to the rest
    http_method_names = ["get", "head"]
    serializer_class = serializers.DocumentStatsSerializer


class DocumentNotes(viewsets.ModelViewSet):
    # looks alike: POST is among the methods it answers
    http_method_names = ["get", "post"]
    serializer_class = serializers.DocumentNotesSerializer


class DeviceList(generics.ListCreateAPIView):
    serializer_class = serializers.DeviceNestedSerializer


class RackList(generics.ListCreateAPIView):
    serializer_class = serializers.RackSerializer


class RackDeviceList(generics.ListCreateAPIView):
    serializer_class = serializers.RackDeviceSerializer
