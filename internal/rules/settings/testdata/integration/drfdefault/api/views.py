from rest_framework import permissions, viewsets
from rest_framework.decorators import api_view
from rest_framework.response import Response

from .models import Note


class NoteViewSet(viewsets.ModelViewSet):
    queryset = Note.objects.all()
    permission_classes = [permissions.IsAuthenticated]


@api_view(["POST"])
def clear_notes(request):
    # no permission_classes: the default decides, and it is AllowAny
    Note.objects.all().delete()
    return Response({"ok": True})
