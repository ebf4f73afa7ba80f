from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.views import View


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


class ReportAccessMixin(View):
    # a project view of its own that checks the report's readers and hands
    # the request on: mixins listed after it still run before View
    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("reports.view_report"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ReportFormatMixin(View):
    # a project view that hands the request on without checking anyone
    def dispatch(self, request, *args, **kwargs):
        request.report_format = request.GET.get("format", "html")
        return super().dispatch(request, *args, **kwargs)


class LoggedInMixin(LoginRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        request.trace = True
        return super().dispatch(request, *args, **kwargs)


class ArchiveFeatureMixin(PermissionRequiredMixin):
    # turns the request back when the feature is off, and otherwise hands it
    # to the permission check by naming the class, as older code does
    def dispatch(self, request, *args, **kwargs):
        if not request.site.archive_enabled:
            return redirect("home")
        return PermissionRequiredMixin.dispatch(self, request, *args, **kwargs)


class ShortcutMixin(LoginRequiredMixin):
    # names View, past the login check its own base adds
    def dispatch(self, request, *args, **kwargs):
        return View.dispatch(self, request, *args, **kwargs)
