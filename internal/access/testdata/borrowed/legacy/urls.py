from django.urls import path

from front import views

urlpatterns = [path("old-about/", views.about)]
