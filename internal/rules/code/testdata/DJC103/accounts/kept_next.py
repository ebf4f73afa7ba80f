from django.http import HttpResponseBadRequest, HttpResponseRedirect
from django.views.generic import FormView

from .helpers import checked_elsewhere, looks_local


class ConfirmSubjectView(FormView):
    """dispatch() refuses a next URL the helper does not accept and keeps
    the one it does for form_valid(): the redirect is checked, though
    the helper's summary is made in the same rounds as this class."""

    kept_next = None

    def dispatch(self, request, *args, **kwargs):
        next_url = request.GET.get("next")
        if not next_url or not checked_elsewhere(next_url):
            return HttpResponseBadRequest("missing or bad redirect")
        self.kept_next = next_url
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        return HttpResponseRedirect(self.kept_next)


class LooseSubjectView(FormView):
    """The same shape with a test that is no check: still reported."""

    kept_next = None

    def dispatch(self, request, *args, **kwargs):
        next_url = request.GET.get("next")
        if not next_url or not looks_local(next_url):
            return HttpResponseBadRequest("missing or bad redirect")
        self.kept_next = next_url
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        return HttpResponseRedirect(self.kept_next)  # want "redirect target comes from request data"
