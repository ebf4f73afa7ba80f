from django.urls import path

from backoffice import views

urlpatterns = [
    path("<int:pk>/retire/", views.retire_banner),
]
