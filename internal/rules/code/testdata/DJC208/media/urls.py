from django.urls import path

from . import views

urlpatterns = [
    path("attachments/staff/", views.staff_upload),
    path("attachments/member/", views.member_upload),
]
