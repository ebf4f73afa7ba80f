from django.http import JsonResponse
from rest_framework import permissions, viewsets
from rest_framework.permissions import IsAuthenticated

from reports.models import Report


class MemberPermission(permissions.BasePermission):
    def has_permission(self, request, view):
        user = request.user
        if not (user and user.is_authenticated):
            return False
        elif request.method == "POST":
            return False
        return True

    def has_object_permission(self, request, view, obj):
        user = request.user
        assert user and user.is_authenticated  # want "has_permission, which DRF runs before it, refuses the request when it fails, so the assert only restates it"
        return obj.owner == user


class OwnerPermission(permissions.BasePermission):
    def has_object_permission(self, request, view, obj):
        assert request.user.is_staff  # want "access check \"request.user.is_staff\" is an assert, which python -O removes; no deployment"
        return True


class MemberViewSet(viewsets.ModelViewSet):
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        user = self.request.user
        assert user.is_authenticated  # want "every route of the view requires a login already \\(permission_classes \\[IsAuthenticated\\]\\), so the assert only restates it"
        return Report.objects.filter(owner=user)


def moderate(request):
    if not request.user.is_staff:
        return JsonResponse({}, status=403)
    assert request.user.is_staff  # want "line 39 refuses the request first when it fails, so the assert only restates it"
    return JsonResponse({})
