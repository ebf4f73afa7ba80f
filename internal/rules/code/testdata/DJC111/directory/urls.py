from django.urls import path

from . import views

urlpatterns = [path("people/", views.people), path("group/<slug:group>/", views.group_members)]
