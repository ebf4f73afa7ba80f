from django.urls import path

from app import views

urlpatterns = [
    path("notes/<int:pk>/link/", views.LinkNotes.as_view()),
    path("notes/<int:pk>/pin/", views.PinNote.as_view()),
    path("notes/<int:pk>/archive/", views.ArchiveNote.as_view()),
]
