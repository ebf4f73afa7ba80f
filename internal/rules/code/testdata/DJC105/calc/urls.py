from django.urls import path

from . import views

urlpatterns = [path("calc/", views.calculate), path("filter/", views.FilterView.as_view())]
