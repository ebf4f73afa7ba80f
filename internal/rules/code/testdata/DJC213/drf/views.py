import hmac
from typing import ClassVar

from django.contrib.auth.hashers import check_password
from rest_framework import exceptions, mixins, permissions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.authtoken.models import Token
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.response import Response

from api.models import Client, Note


class NoteSerializer(serializers.ModelSerializer):
    class Meta:
        model = Note
        fields = ["id", "text"]


class NoteViewSet(viewsets.ModelViewSet):  # want "view NoteViewSet creates, updates or deletes objects and anyone can reach it"
    queryset = Note.objects.all()


class PrivateNoteViewSet(viewsets.ModelViewSet):  # safe: a permission class
    queryset = Note.objects.all()
    permission_classes = [permissions.IsAuthenticated]


class TypedNoteViewSet(viewsets.ModelViewSet):  # safe: a permission class, set with a type annotation
    queryset = Note.objects.all()
    permission_classes: ClassVar = [permissions.IsAuthenticated]


class PublicNoteViewSet(viewsets.ReadOnlyModelViewSet):  # safe: reads only
    queryset = Note.objects.all()


class DeviceToken(ObtainAuthToken):  # safe: ObtainAuthToken checks the username and password first
    def post(self, request, *args, **kwargs):
        serializer = self.serializer_class(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        token = Token.objects.create(user=serializer.validated_data["user"])
        return Response({"token": token.key})


class MyNoteViewSet(mixins.UpdateModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet):  # safe: only the requester's rows, which an anonymous visitor cannot filter by
    serializer_class = NoteSerializer

    def get_queryset(self):
        return Note.objects.filter(author=self.request.user).order_by("-id")


class ModeratedNoteViewSet(mixins.DestroyModelMixin, viewsets.GenericViewSet):  # safe: get_object asks check_object_permissions, which refuses
    serializer_class = NoteSerializer
    queryset = Note.objects.all()

    def check_object_permissions(self, request, obj):
        if not request.user.has_perm("api.delete_note", obj):
            self.permission_denied(request)


class DraftNoteViewSet(mixins.CreateModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet):  # want "view DraftNoteViewSet creates, updates or deletes objects"
    # creating needs no lookup: the requester's queryset does not stop it
    serializer_class = NoteSerializer

    def get_queryset(self):
        return Note.objects.filter(author=self.request.user)


class InboxViewSet(viewsets.GenericViewSet):  # safe: the rows marked are the requester's own
    serializer_class = NoteSerializer

    @action(detail=False, methods=["post"])
    def mark_read(self, request):
        mine = Note.objects.filter(author=request.user)
        mine.filter(read=False).update(read=True)
        return Response({"ok": True})


class UnreadNoteViewSet(mixins.UpdateModelMixin, viewsets.GenericViewSet):  # want "view UnreadNoteViewSet creates, updates or deletes objects"
    # a filter, but not by the requester: every unread note is anyone's to change
    serializer_class = NoteSerializer

    def get_queryset(self):
        return Note.objects.filter(read=False)


class NoticeViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):  # safe: the rows marked come from the requester's own queryset
    serializer_class = NoteSerializer

    def get_queryset(self):
        return Note.objects.filter(author=self.request.user)

    @action(detail=False, methods=["post"])
    def read_all(self, request):
        qs = self.get_queryset().order_by("-id")
        qs.filter(read=False).update(read=True)
        return Response({"ok": True})

    @action(detail=False, methods=["post"])
    def read_old(self, request):
        qs = self.get_queryset().filter(id__lt=100)
        qs.update(read=True)
        return Response({"ok": True})


class BoardViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):  # want "view BoardViewSet changes data"
    # the queryset is everyone's: marking through it touches every note
    serializer_class = NoteSerializer

    def get_queryset(self):
        return Note.objects.all()

    @action(detail=False, methods=["post"])
    def read_all(self, request):
        qs = self.get_queryset()
        qs.update(read=True)
        return Response({"ok": True})


class CatalogueViewSet(viewsets.ModelViewSet):  # safe: its routes map GET to list and retrieve only
    serializer_class = NoteSerializer
    queryset = Note.objects.all()


class ArchiveViewSet(viewsets.ModelViewSet):  # want "view ArchiveViewSet creates, updates or deletes objects"
    # one route maps POST to create
    serializer_class = NoteSerializer
    queryset = Note.objects.all()


class ClientTokenViewSet(viewsets.ViewSet):  # safe: the action checks the client's secret before it writes
    @action(detail=False, methods=["post"])
    def token(self, request):
        client = Client.objects.get(client_id=request.data["client_id"])
        if not check_password(request.data["client_secret"], client.secret_hash):
            raise exceptions.AuthenticationFailed("invalid client")
        Note.objects.create(text="token issued to " + client.client_id)
        return Response({"ok": True})


class HookViewSet(viewsets.ViewSet):  # safe: the action compares the signature before it writes
    @action(detail=False, methods=["post"])
    def receive(self, request):
        expected = hmac.new(b"k", request.body, "sha256").hexdigest()
        if not hmac.compare_digest(expected, request.headers.get("X-Signature", "")):
            return Response(status=400)
        Note.objects.create(text=request.data["text"])
        return Response({"ok": True})


class OpenTokenViewSet(viewsets.ViewSet):  # want "view OpenTokenViewSet changes data"
    @action(detail=False, methods=["post"])
    def token(self, request):
        client = Client.objects.get(client_id=request.data["client_id"])
        if not request.data.get("client_secret"):
            raise exceptions.AuthenticationFailed("invalid client")
        Note.objects.create(text="token issued to " + client.client_id)
        return Response({"ok": True})


class ListedNoteViewSet(viewsets.ModelViewSet):  # safe: http_method_names lets only GET through
    queryset = Note.objects.all()
    serializer_class = NoteSerializer
    http_method_names = ["get"]


class PatchableNoteViewSet(viewsets.ModelViewSet):  # want "view PatchableNoteViewSet creates, updates or deletes objects"
    queryset = Note.objects.all()
    serializer_class = NoteSerializer
    http_method_names = ["get", "patch"]


from .auth import BearerDispatched, BearerDispatchedNoted, BearerFallsThrough, BearerIfSent, BearerOnly


class BearerNoteViewSet(viewsets.ModelViewSet):  # safe: its authentication class refuses requests without a token
    queryset = Note.objects.all()
    authentication_classes = [BearerOnly]


class OptionalBearerNoteViewSet(viewsets.ModelViewSet):  # want "view OptionalBearerNoteViewSet creates, updates or deletes objects and anyone can reach it"
    queryset = Note.objects.all()
    authentication_classes = [BearerOnly, BearerIfSent]


class LooseBearerNoteViewSet(viewsets.ModelViewSet):  # want "view LooseBearerNoteViewSet creates, updates or deletes objects and anyone can reach it"
    queryset = Note.objects.all()
    authentication_classes = [BearerFallsThrough]


class DispatchedNoteViewSet(viewsets.ModelViewSet):  # safe: its authentication class refuses requests without the header
    queryset = Note.objects.all()
    authentication_classes = [BearerDispatched]


class NotedNoteViewSet(viewsets.ModelViewSet):  # want "view NotedNoteViewSet creates, updates or deletes objects and anyone can reach it"
    queryset = Note.objects.all()
    authentication_classes = [BearerDispatchedNoted]
