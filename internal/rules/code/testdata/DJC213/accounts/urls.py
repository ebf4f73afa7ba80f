from django.urls import path

from . import views

urlpatterns = [path("prefs/", views.save_prefs)]
