from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.decorators import method_decorator
from django.views import View

from .models import Researcher


def has_role(user, role):
    return role in user.roles


def validate_application_access(user, application):
    if has_role(user, "APPLICATION_MANAGE"):
        return
    if application.created_by == user:
        return
    raise Http404


def may_manage(user, application):
    return has_role(user, "APPLICATION_MANAGE") or application.created_by == user


@method_decorator(login_required, name="dispatch")
class ResearcherDelete(View):
    def post(self, request, pk):  # safe: a helper of the module refuses unless the requester made the application
        researcher = get_object_or_404(Researcher, pk=pk)
        validate_application_access(request.user, researcher.application)
        researcher.delete()
        return HttpResponse(status=204)


@method_decorator(login_required, name="dispatch")
class ResearcherRemove(View):
    def post(self, request, pk):
        researcher = get_object_or_404(Researcher, pk=pk)  # want "Researcher is looked up by the pk from the URL"
        # looks alike: the answer is thrown away, nothing is refused
        may_manage(request.user, researcher.application)
        researcher.delete()
        return HttpResponse(status=204)
