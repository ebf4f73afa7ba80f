from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.views import View

from .models import Claim, Paste


class PasteDelete(View):
    def post(self, request, *args, **kwargs):
        paste = get_object_or_404(Paste, secret_id=self.kwargs["paste_id"])
        paste.delete()
        return HttpResponse("gone")


class PasteDeleteByNumber(View):
    def post(self, request, *args, **kwargs):
        paste = get_object_or_404(Paste, number=self.kwargs["paste_id"])
        paste.delete()
        return HttpResponse("gone")


def claim(request, pk):
    code = request.GET.get("code")
    row = Claim.objects.get(pk=pk, code__iexact=code)
    row.address = request.POST["address"]
    row.save()
    return HttpResponse("ok")


def claim_by_ticket(request, pk):
    row = Claim.objects.get(pk=pk, ticket=request.GET["ticket"])
    row.address = request.POST["address"]
    row.save()
    return HttpResponse("ok")
