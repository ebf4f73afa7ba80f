from rest_framework import viewsets

from directory.models import Entry


class EntryViewSet(viewsets.ModelViewSet):
    queryset = Entry.objects.all()
