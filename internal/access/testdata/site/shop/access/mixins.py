from django.core.exceptions import PermissionDenied


class OwnerOnlyMixin:
    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if not user.has_perm("shop.change_order"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)
