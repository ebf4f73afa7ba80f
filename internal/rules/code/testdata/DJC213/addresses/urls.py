from django.contrib.auth.decorators import login_required
from django.urls import path

from . import views

urlpatterns = [
    path("address/<int:pk>/delete/", views.delete_address),
    path("address/<int:pk>/edit/", views.edit_address),
    path("address/new/", views.AddressCreate.as_view()),
    path("address/<int:pk>/update/", views.AddressUpdate.as_view()),
    path("address/<int:pk>/", views.address_detail),
    path("address/<int:pk>/star/", views.StarView.as_view()),
    path("address/<int:pk>/pin/", views.PinView.as_view()),
    path("signup/", views.signup),
    path("confirm/resend/", views.resend_confirmation),
    path("invoices/resend/", views.resend_invoice),
    path("validation/send/", views.SendValidationEmailView.as_view()),
    path("validation/report/", views.SendValidationReportView.as_view()),
    path("address/<int:pk>/archive/", login_required(views.archive_address)),
    path("refunds/new/", views.RefundCreate.as_view()),
    path("refunds/guest/", views.GuestRefundCreate.as_view()),
]
urlpatterns += [
    path("<str:username>/book/", views.address_book),
    path("<str:username>/tag/", views.tag_address),
    path("<str:username>/claim/", views.claim_address),
]
urlpatterns += [
    path("address/<int:pk>/rename/", views.rename_address),
    path("address/<int:pk>/rename-anyway/", views.rename_address_anyway),
]
urlpatterns += [
    path("streets/suggest/", views.suggest_street),
    path("address/<int:pk>/typo/", views.report_typo),
]
urlpatterns += [
    path("start/", views.FirstAdminView.as_view()),
    path("admins/first/", views.first_superuser),
    path("admins/more/", views.count_then_create),
    path("start-again/", views.SecondAdminView.as_view()),
]
