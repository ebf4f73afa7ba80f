from django.urls import path

from app import views

urlpatterns = [
    path("notes/<int:pk>/delete/", views.delete_note),
    path("hooks/mail/", views.MailHook.as_view()),
]
