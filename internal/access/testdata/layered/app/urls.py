from django.urls import path

from . import views

urlpatterns = [path("panel/", views.panel), path("lounge/", views.lounge)]
