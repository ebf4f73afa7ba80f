from django.urls import include, path
from rest_framework import routers

from . import views

router = routers.DefaultRouter()
router.register("invoices", views.InvoiceAdminViewSet)
router.register("refunds", views.InvoiceRefundViewSet)
router.register("public", views.PublicInvoiceViewSet)
router.register("totals", views.InvoiceTotalsViewSet)

urlpatterns = [
    path("api/", include(router.urls)),
    path("invoices/<int:pk>/edit/", views.InvoiceEdit.as_view()),
    path("reports/", views.InvoiceReportView.as_view()),
]
