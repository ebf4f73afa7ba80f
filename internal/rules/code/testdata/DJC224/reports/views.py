from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.views import View
from django.views.generic import ListView, TemplateView, UpdateView
from django.views.generic.detail import BaseDetailView
from rest_framework.response import Response
from rest_framework.views import APIView

from .base import ApiVersionMixin
from .base import TemplateView as ReexportedTemplateView
from .mixins import ArchiveFeatureMixin, ContextExtrasMixin, LanguageMixin, LoggedDispatchMixin, LoggedInMixin, ReportAccessMixin, ReportFormatMixin, ShortcutMixin, StaffOnlyMixin
from .models import Report


class ReportList(ListView, LoginRequiredMixin):  # want "LoginRequiredMixin comes after ListView in the bases of ReportList"
    model = Report


class ReportEdit(UpdateView, LoginRequiredMixin, PermissionRequiredMixin):  # want "LoginRequiredMixin comes after UpdateView" "PermissionRequiredMixin comes after UpdateView"
    model = Report
    fields = ["title"]
    permission_required = "reports.change_report"


class ReportApi(APIView, StaffOnlyMixin):  # want "StaffOnlyMixin comes after APIView"
    def get(self, request):
        return Response([r.title for r in Report.objects.all()])


class BaseReportView(View):
    def get(self, request):
        return JsonResponse({"count": Report.objects.count()})


class ReportCount(BaseReportView, LoginRequiredMixin):  # want "LoginRequiredMixin comes after BaseReportView"
    pass


# safe: the mixins come first
class Dashboard(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    template_name = "dashboard.html"
    permission_required = "reports.view_report"


# safe: a mixin after the view that checks nothing, and one that only adds context
class Help(TemplateView, LanguageMixin, ContextExtrasMixin, LoggedDispatchMixin):
    template_name = "help.html"


# safe: the access mixin comes before the project view
class Totals(StaffOnlyMixin, BaseReportView):
    pass


# safe: ReportAccessMixin is a View, but its dispatch calls super(): the
# order is ReportAccessMixin, LoggedInMixin, LoginRequiredMixin, UpdateView,
# View, and the login check runs before View answers
class ReportRename(ReportAccessMixin, LoggedInMixin, UpdateView):
    model = Report
    fields = ["title"]


# the explicit View puts View before LoginRequiredMixin in the order:
# ReportFormatMixin, LoggedInMixin, View, LoginRequiredMixin; nothing
# before View checks the user
class ReportPurge(ReportFormatMixin, LoggedInMixin, View):  # want "LoggedInMixin is listed before View in the bases of ReportPurge, but Python's method resolution order puts the access check .* anyone reaches the view"
    def post(self, request):
        Report.objects.all().delete()
        return JsonResponse({})


# the same order, but ReportAccessMixin's own dispatch refuses users
# without the permission before View answers: the login check is dead
# code, and the view is not open (low)
class ReportArchive(ReportAccessMixin, LoggedInMixin, View):  # want "LoggedInMixin is listed before View in the bases of ReportArchive, .*ReportAccessMixin's own dispatch still turns requests away"
    def post(self, request):
        Report.objects.update(archived=True)
        return JsonResponse({})


class ReportIndex(ApiVersionMixin, LoginRequiredMixin, ReexportedTemplateView):  # safe: View comes after the login mixin in the order Python builds
    template_name = "reports/index.html"


class ReportIndexOpen(ReexportedTemplateView, LoginRequiredMixin):  # want "LoginRequiredMixin comes after TemplateView in the bases of ReportIndexOpen"
    template_name = "reports/index.html"


class ReportDismiss(BaseDetailView, PermissionRequiredMixin):  # want "PermissionRequiredMixin comes after BaseDetailView in the bases of ReportDismiss"
    # a generic view's base is a View too: its dispatch answers first
    model = Report
    permission_required = "reports.delete_report"

    def get(self, request, *args, **kwargs):
        self.get_object().delete()
        return JsonResponse({})


def is_signed_in(request):
    if not request.user.is_authenticated:
        messages.error(request, "You are not logged in.")
        return False
    return True


class ProfilePage(View, LoginRequiredMixin):  # want "LoginRequiredMixin comes after View in the bases of ProfilePage: .*; each request handler of ProfilePage turns anonymous users away itself"
    def get(self, request):
        if not is_signed_in(request):
            return redirect("home")
        return render(request, "profile.html")

    def post(self, request):
        if not request.user.is_authenticated:
            return redirect("home")
        return redirect("profile")


class PreferencesPage(View, LoginRequiredMixin):  # want "LoginRequiredMixin comes after View in the bases of PreferencesPage: View's dispatch answers the request and LoginRequiredMixin's check never runs, so the view is open to everyone"
    def get(self, request):
        if not is_signed_in(request):
            return redirect("home")
        return render(request, "preferences.html")

    def post(self, request):
        request.user.preferences.update(request.POST.dict())
        return redirect("preferences")


class ArchivedReports(ArchiveFeatureMixin, ListView):  # safe: the mixin's dispatch names PermissionRequiredMixin.dispatch, which checks
    model = Report
    permission_required = "reports.view_archive"


class ShortcutReports(ShortcutMixin, ListView):  # want "ShortcutMixin's dispatch calls View.dispatch by name, which skips the access check ShortcutMixin builds on in the bases of ShortcutReports"
    model = Report
