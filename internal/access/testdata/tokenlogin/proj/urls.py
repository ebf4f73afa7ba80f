from django.urls import path

from app import views

urlpatterns = [
    path("notes/<int:pk>/delete/", views.NoteDelete.as_view()),
    path("checkout/", views.Checkout.as_view()),
]
