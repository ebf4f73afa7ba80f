from rest_framework import permissions, viewsets
from rest_framework.decorators import api_view
from rest_framework.response import Response

from .models import Note


class NoteViewSet(viewsets.ModelViewSet):
    queryset = Note.objects.all()
    permission_classes = [permissions.IsAuthenticated]


class PublicNoteViewSet(viewsets.ReadOnlyModelViewSet):
    # no permission_classes: the default decides, and it only lets anyone read
    queryset = Note.objects.all()


@api_view(["GET"])
def note_count(request):
    return Response({"count": Note.objects.count()})
