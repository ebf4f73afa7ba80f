from django.contrib.auth.mixins import PermissionRequiredMixin
from django.views.generic import UpdateView
from rest_framework import permissions, viewsets
from rest_framework.permissions import AllowAny, IsAdminUser

from .base import ProjectPermissionView
from .models import Invoice
from .serializers import InvoiceSerializer


class InvoiceAdminViewSet(viewsets.ModelViewSet):
    queryset = Invoice.objects.all()
    serializer_class = InvoiceSerializer
    permissions_classes = [IsAdminUser]  # want "InvoiceAdminViewSet sets permissions_classes, which the framework does not read: it reads permission_classes, so the view runs with DRF.s default AllowAny .REST_FRAMEWORK sets no DEFAULT_PERMISSION_CLASSES., not .IsAdminUser."


class InvoiceRefundViewSet(viewsets.ModelViewSet):
    queryset = Invoice.objects.all()
    permission_class = [permissions.IsAdminUser]  # want "sets permission_class, which the framework does not read"


class InvoiceEdit(PermissionRequiredMixin, UpdateView):
    model = Invoice
    permissions_required = "billing.change_invoice"  # want "sets permissions_required, which the framework does not read: it reads permission_required"


class PublicInvoiceViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Invoice.objects.all()
    permissions_classes = [AllowAny]  # want "stricter than what was written, a bug rather than a hole"


class InvoiceTotalsViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Invoice.objects.all()
    permission_classes = [IsAdminUser]  # safe: the right name


class InvoiceReportView(ProjectPermissionView):
    required_permissions = ["billing.view_invoice"]  # safe: the project's base reads it (base.py)
    throttle_class = "reports"  # safe: the project's base reads this one too


class Totals:
    # safe: not a view; a helper's own field
    permissions_classes = ["reader"]


class LegacyInvoiceViewSet(viewsets.ModelViewSet):
    queryset = Invoice.objects.all()
    permissions_classes = [IsAdminUser]  # safe here: no URL pattern routes to the view
