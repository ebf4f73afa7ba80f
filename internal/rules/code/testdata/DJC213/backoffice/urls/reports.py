from django.urls import path

from backoffice import views

urlpatterns = [
    path("<int:pk>/archive/", views.archive_report),
]
