from django.urls import path

from pages import views

urlpatterns = [
    path("", views.front),
    path("note/", views.note),
]
