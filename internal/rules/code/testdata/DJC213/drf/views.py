from rest_framework import permissions, viewsets

from api.models import Note


class NoteViewSet(viewsets.ModelViewSet):  # want "view NoteViewSet creates, updates or deletes objects and anyone can reach it"
    queryset = Note.objects.all()


class PrivateNoteViewSet(viewsets.ModelViewSet):  # safe: a permission class
    queryset = Note.objects.all()
    permission_classes = [permissions.IsAuthenticated]


class PublicNoteViewSet(viewsets.ReadOnlyModelViewSet):  # safe: reads only
    queryset = Note.objects.all()
