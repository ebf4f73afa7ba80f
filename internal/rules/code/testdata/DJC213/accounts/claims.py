from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.views import View
from django.views.generic import DetailView

from .models import Paste, PrizeClaim


def claim_prize(request, pk):
    # the mailed link carries ?auth_code=...: whoever has it is the winner
    auth_code = request.GET.get("auth_code")
    claim = PrizeClaim.objects.get(pk=pk, auth_code__iexact=auth_code)
    if request.method == "POST":
        claim.address = request.POST["address"]
        claim.save()
    return HttpResponse("ok")


def claim_by_entry(request, pk):  # want "view claim_by_entry changes data"
    # the entry number is printed on the ticket: no secret
    claim = PrizeClaim.objects.get(pk=pk, entry_number=request.GET.get("entry"))
    if request.method == "POST":
        claim.address = request.POST["address"]
        claim.save()
    return HttpResponse("ok")


class PasteDetail(DetailView):
    # the paste's random slug is its URL: whoever knows it may read and delete
    model = Paste
    slug_url_kwarg = "paste_id"
    slug_field = "slug"

    def post(self, request, *args, **kwargs):
        paste = get_object_or_404(Paste, slug=self.kwargs["paste_id"])
        paste.delete()
        return HttpResponse("gone")

    def get(self, request, *args, **kwargs):
        paste = self.get_object()
        if paste.views >= 1:
            paste.delete()  # a one-time paste goes once it was read
            return HttpResponse("gone")
        paste.views += 1
        paste.save()
        return HttpResponse(paste.body)


class PasteByNumber(DetailView):  # want "view PasteByNumber changes data"
    model = Paste

    def post(self, request, *args, **kwargs):
        paste = get_object_or_404(Paste, pk=self.kwargs["number"])
        paste.delete()
        return HttpResponse("gone")

    def get(self, request, *args, **kwargs):
        paste = self.get_object()
        if paste.views >= 1:
            paste.delete()  # a one-time paste goes once it was read
            return HttpResponse("gone")
        paste.views += 1
        paste.save()
        return HttpResponse(paste.body)

