from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect

from app.models import Team


class ClaimOwnerMixin:
    def get_object(self, queryset=None):
        obj = super().get_object(queryset=queryset)
        if obj.owner == self.request.user or self.request.user.has_perm("app.review_claims"):
            return obj
        raise Http404


class AnyTeamPermMixin:
    perm = None

    def dispatch(self, request, *args, **kwargs):
        for perm in self.request.user.get_all_permissions():
            if perm.endswith(f"_team_{self.perm}"):
                return super().dispatch(request, *args, **kwargs)
        raise PermissionDenied


class TeamLeadMixin:
    def dispatch(self, request, *args, **kwargs):
        self.team = Team.objects.get(slug=kwargs["team"])
        if self.team.lead_permission not in request.user.get_all_permissions():
            return redirect("/")
        return super().dispatch(request, *args, **kwargs)
