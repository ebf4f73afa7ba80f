from django.urls import path

from . import views

urlpatterns = [
    path("teams/", views.TeamAdmin.as_view()),
    path("projects/", views.ProjectList.as_view()),
]
