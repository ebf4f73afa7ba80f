# An error tracker's ingest endpoints: SDKs post events with the project's
# key from its DSN, in a header or the query string; no cookie is read.
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.csrf import csrf_exempt

from .models import Project


@method_decorator(csrf_exempt, name="dispatch")
class BaseIngestView(View):
    def post(self, request, project_pk=None):
        return self._post(request, project_pk)

    @classmethod
    def key_for_request(cls, request):
        if "sentry_key" in request.GET:
            return request.GET["sentry_key"]
        return request.headers.get("X-Sentry-Auth", "")

    @classmethod
    def get_project(cls, project_pk, sentry_key):
        try:
            return Project.objects.get(pk=project_pk, sentry_key=sentry_key)
        except Project.DoesNotExist:
            raise PermissionDenied("project not found or key incorrect")

    @classmethod
    def project_for_request(cls, project_pk, request):
        sentry_key = cls.key_for_request(request)
        return cls.get_project(project_pk, sentry_key)

    @classmethod
    def any_project(cls, project_pk):
        return Project.objects.get(pk=project_pk)


class IngestEventView(BaseIngestView):  # safe: the project's key is looked up in a method of the base class before anything is written
    def _post(self, request, project_pk=None):
        if request.content_type != "application/json":
            return HttpResponse(status=415)
        project = self.project_for_request(project_pk, request)
        with open(f"/var/spool/events/{project.pk}.json", "wb") as out:
            out.write(request.body)
        return HttpResponse(status=202)


class IngestReportView(BaseIngestView):  # want "exempt from CSRF protection and changes data \\(file write"
    # looks alike: the project is found by its number alone
    def _post(self, request, project_pk=None):
        if request.content_type != "application/json":
            return HttpResponse(status=415)
        project = self.any_project(project_pk)
        with open(f"/var/spool/reports/{project.pk}.json", "wb") as out:
            out.write(request.body)
        return HttpResponse(status=202)
