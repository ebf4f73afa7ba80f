from rest_framework import permissions, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response


class BaseNoteViewSet(viewsets.GenericViewSet):
    @action(detail=False, methods=["get"], url_path="recent")
    def recent(self, request):
        return Response([])

    @action(detail=False)
    def archived(self, request):
        return Response([])


class NoteViewSet(BaseNoteViewSet):
    permission_classes = [permissions.IsAdminUser]

    def list(self, request):
        return Response([])

    @action(detail=True, methods=["post", "put"])
    def publish(self, request, pk=None):
        return Response({})

    @action(detail=False, methods=["patch"], url_path="bulk/edit")
    def edit(self, request):
        return Response({})

    @action(detail=False, methods=["post"], permission_classes=[permissions.AllowAny])
    def feedback(self, request):
        # its own permission classes: not the class's, and not routed here
        return Response({})

    def archived(self, request):
        # hides the base's action of the same name
        return Response([])
