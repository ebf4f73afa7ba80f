from rest_framework import viewsets

from app.models import Note, Tag
from proj.permissions import TokenModelPermissions


class NoteViewSet(viewsets.ModelViewSet):
    # the default permission classes, which djsec cannot read
    queryset = Note.objects.all()


class TagViewSet(viewsets.ModelViewSet):
    permission_classes = [TokenModelPermissions]
    queryset = Tag.objects.all()
