from django.contrib.auth.decorators import login_required, permission_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, UpdateView

from .models import Invoice, Plan


@login_required
def invoice(request, pk):
    inv = get_object_or_404(Invoice, pk=pk)  # want "Invoice is looked up by the pk from the URL in a view that requires only a login"
    return JsonResponse({"total": str(inv.total)})


@login_required
def pay(request):
    inv = Invoice.objects.get(id=request.POST["invoice"])  # want "Invoice is looked up by an id from request.POST"
    inv.total = 0
    inv.save()
    return JsonResponse({"ok": True})


class InvoiceDetail(LoginRequiredMixin, DetailView):  # want "view InvoiceDetail serves any Invoice by the pk in the URL"
    model = Invoice


@login_required
def own_invoice(request, pk):  # safe: filtered on the owner
    inv = get_object_or_404(Invoice, pk=pk, customer=request.user)
    return JsonResponse({"total": str(inv.total)})


@login_required
def checked_invoice(request, pk):  # safe: the owner is compared after the lookup
    inv = get_object_or_404(Invoice, pk=pk)
    if inv.customer != request.user:
        raise PermissionDenied
    return JsonResponse({"total": str(inv.total)})


@login_required
def related_invoice(request, pk):  # safe: looked up through the user's own relation
    inv = get_object_or_404(request.user.invoice_set, pk=pk)
    return JsonResponse({"total": str(inv.total)})


@permission_required("billing.view_invoice")
def staff_invoice(request, pk):  # safe: a permission is required
    inv = get_object_or_404(Invoice, pk=pk)
    return JsonResponse({"total": str(inv.total)})


@login_required
def plan(request, pk):  # safe: plans belong to no one
    return JsonResponse({"name": get_object_or_404(Plan, pk=pk).name})


class OwnInvoiceUpdate(LoginRequiredMixin, UpdateView):  # safe: get_queryset limits the rows
    model = Invoice
    fields = ["total"]

    def get_queryset(self):
        return Invoice.objects.filter(customer=self.request.user)


def public_invoice(request, pk):  # safe here: no login at all is another rule's concern
    return JsonResponse({"total": str(get_object_or_404(Invoice, pk=pk).total)})


@login_required
def invoice_by_uuid(request, code):  # safe: an unguessable uuid
    return JsonResponse({"total": str(get_object_or_404(Invoice, pk=code).total)})
