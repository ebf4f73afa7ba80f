from django.urls import path

from backoffice import views

urlpatterns = [
    path("<int:pk>/purge/", views.purge_export),
]
