import os

from django.conf import settings
from rest_framework import permissions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response


class OnlySuperUser(permissions.BasePermission):
    def has_permission(self, request, view):
        return bool(request.user and request.user.is_superuser)


class ThemeSerializer(serializers.Serializer):
    name = serializers.CharField()
    css = serializers.CharField()


class ThemeViewSet(viewsets.GenericViewSet):
    permission_classes = [OnlySuperUser]

    @action(detail=False, methods=["patch"], url_path="edit")
    def edit(self, request):
        s = ThemeSerializer(data=request.data)
        s.is_valid(raise_exception=True)
        with open(os.path.join(settings.MEDIA_ROOT, s.validated_data["name"]), "w") as out:  # want "reaches open.*; it is read in .*ThemeViewSet, which every route lets only superusers reach"
            out.write(s.validated_data["css"])
        return Response({"ok": True})


class NoteThemeViewSet(viewsets.GenericViewSet):
    permission_classes = [permissions.IsAuthenticated]

    @action(detail=False, methods=["patch"], url_path="edit")
    def edit(self, request):
        # looks alike: any logged-in user posts it
        s = ThemeSerializer(data=request.data)
        s.is_valid(raise_exception=True)
        with open(os.path.join(settings.MEDIA_ROOT, s.validated_data["name"]), "w") as out:  # want "reaches open$"
            out.write(s.validated_data["css"])
        return Response({"ok": True})
