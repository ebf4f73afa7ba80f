from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views import View

from .models import Feedback


def add(request):  # safe: the feedback app takes what visitors send, with no account
    Feedback.objects.create(url=request.POST.get("url", ""), comment=request.POST.get("comment", ""))
    return HttpResponse("thanks")


def remove(request, pk):  # want "view remove changes data"
    get_object_or_404(Feedback, pk=pk).delete()
    return HttpResponse("removed")


class Problem(Exception):
    """An error the site's middleware shows as a page of its own."""


def could_moderate(request):
    return request.user.is_authenticated and request.user.is_staff


class ModerateView(View):  # safe: dispatch refuses with an error that says so
    def dispatch(self, request, *args, **kwargs):
        if not could_moderate(request):
            raise Problem(_("No access to moderation."))
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, pk):
        Feedback.objects.filter(pk=pk).delete()
        return HttpResponse("removed")


class ReasonedRemoveView(View):  # want "view ReasonedRemoveView changes data"
    # the same words, but after a test of the form, not of the user
    def dispatch(self, request, *args, **kwargs):
        if not request.POST.get("reason"):
            raise Problem(_("Not allowed without a reason."))
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, pk):
        Feedback.objects.filter(pk=pk).delete()
        return HttpResponse("removed")
