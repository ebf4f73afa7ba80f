import jsonpickle
from rest_framework import viewsets
from rest_framework.response import Response


class ImportViewSet(viewsets.ViewSet):
    def create(self, request):
        obj = jsonpickle.decode(request.data["payload"])  # want "jsonpickle.decode"
        return Response({"type": type(obj).__name__})
