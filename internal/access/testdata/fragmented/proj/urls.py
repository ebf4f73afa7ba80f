from django.urls import path

from api import views

urlpatterns = [
    path("vouchers/", views.VoucherCreate.as_view()),
]
