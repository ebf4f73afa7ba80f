from rest_framework import permissions, viewsets
from rest_framework.authtoken.models import Token
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.response import Response

from api.models import Note


class NoteViewSet(viewsets.ModelViewSet):  # want "view NoteViewSet creates, updates or deletes objects and anyone can reach it"
    queryset = Note.objects.all()


class PrivateNoteViewSet(viewsets.ModelViewSet):  # safe: a permission class
    queryset = Note.objects.all()
    permission_classes = [permissions.IsAuthenticated]


class PublicNoteViewSet(viewsets.ReadOnlyModelViewSet):  # safe: reads only
    queryset = Note.objects.all()


class DeviceToken(ObtainAuthToken):  # safe: ObtainAuthToken checks the username and password first
    def post(self, request, *args, **kwargs):
        serializer = self.serializer_class(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        token = Token.objects.create(user=serializer.validated_data["user"])
        return Response({"token": token.key})
