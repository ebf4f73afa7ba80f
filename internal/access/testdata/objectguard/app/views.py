from django.http import HttpResponse
from django.views.generic import CreateView, DeleteView, UpdateView

from app.mixins import AnyTeamPermMixin, ClaimOwnerMixin, TeamLeadMixin
from app.models import Claim, Layer, Team


class ClaimUpdateView(ClaimOwnerMixin, UpdateView):
    model = Claim
    fields = ["amount"]


class ClaimDeleteView(ClaimOwnerMixin, DeleteView):
    model = Claim
    success_url = "/"


class ClaimCreateView(ClaimOwnerMixin, CreateView):
    # looks alike: a create view never calls get_object
    model = Claim
    fields = ["amount"]


class ClaimApproveView(ClaimOwnerMixin, UpdateView):
    # looks alike: its post works on the claim without get_object
    model = Claim
    fields = ["amount"]

    def post(self, request, pk):
        Claim.objects.filter(pk=pk).update(approved=True)
        return HttpResponse("ok")


class LayerCreateView(AnyTeamPermMixin, CreateView):
    perm = "mapper"
    model = Layer
    fields = ["name"]


class TeamSettingsView(TeamLeadMixin, UpdateView):
    model = Team
    fields = ["name"]
