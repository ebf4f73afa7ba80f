from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponseForbidden
from django.shortcuts import get_object_or_404
from django.views import View
from django.views.generic import UpdateView

from .models import Roster


class RestrictToReviewersMixin(View):
    def dispatch(self, request, *args, **kwargs):
        roster = get_object_or_404(Roster, pk=kwargs["pk"])
        if request.user not in roster.reviewers.all():
            return HttpResponseForbidden()
        return super().dispatch(request, *args, **kwargs)


class RestrictFromReviewersMixin(View):
    # the other way round: reviewers are turned away, everyone else let in
    def dispatch(self, request, *args, **kwargs):
        roster = get_object_or_404(Roster, pk=kwargs["pk"])
        if request.user in roster.reviewers.all():
            return HttpResponseForbidden()
        return super().dispatch(request, *args, **kwargs)


class RosterApprove(LoginRequiredMixin, RestrictToReviewersMixin, UpdateView):  # safe: only the roster's reviewers get past dispatch
    model = Roster
    fields = ["name"]


class RosterNominate(LoginRequiredMixin, RestrictFromReviewersMixin, UpdateView):  # want "view RosterNominate serves any Roster by the pk in the URL"
    model = Roster
    fields = ["name"]
