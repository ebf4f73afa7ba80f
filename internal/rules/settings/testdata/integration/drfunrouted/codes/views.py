from rest_framework import viewsets

from .models import Code


class CodeViewSet(viewsets.ModelViewSet):
    queryset = Code.objects.all()
