from django.urls import path

from app import views

urlpatterns = [
    path("api/tasks/", views.create_task),
    path("api/notes/", views.create_note),
]
