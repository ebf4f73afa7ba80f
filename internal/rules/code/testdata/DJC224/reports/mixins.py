from django.core.exceptions import PermissionDenied


class StaffOnlyMixin:
    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_staff:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class LanguageMixin:
    # dispatch that checks nothing: its place in the bases decides no access
    def dispatch(self, request, *args, **kwargs):
        request.LANGUAGE_CODE = "en"
        return super().dispatch(request, *args, **kwargs)


class ContextExtrasMixin:
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["extra"] = True
        return context


class LoggedDispatchMixin:
    # a bare raise re-raises what dispatch met: it turns nobody away
    def dispatch(self, request, *args, **kwargs):
        try:
            request.trace = True
        except AttributeError:
            raise
        return super().dispatch(request, *args, **kwargs)
