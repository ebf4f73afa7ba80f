from django.urls import path

from . import views

urlpatterns = [
    path("terms/", views.home, name="terms"),
]
