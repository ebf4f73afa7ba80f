from django.urls import path

from app import views

urlpatterns = [
    path("notes/<int:pk>/delete/", views.delete_note),
    path("api/notes/<int:pk>/delete/", views.delete_note),
    path("status/", views.welcome),
    path("reports/<int:pk>/delete/", views.delete_note),
    path("welcome/", views.welcome),
]
