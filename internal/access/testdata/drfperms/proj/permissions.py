from rest_framework.permissions import SAFE_METHODS, DjangoModelPermissions


class TokenModelPermissions(DjangoModelPermissions):
    def has_permission(self, request, view):
        if not request.user.is_authenticated:
            return False
        if request.method not in SAFE_METHODS and getattr(request.auth, "read_only", False):
            return False
        return super().has_permission(request, view)
