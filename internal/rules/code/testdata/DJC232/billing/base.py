from django.views import View


class ProjectPermissionView(View):
    def dispatch(self, request, *args, **kwargs):
        for perm in self.required_permissions:
            request.user.has_perm(perm)
        getattr(self, "throttle_class", None)
        return super().dispatch(request, *args, **kwargs)
