from django.urls import path

from app import views

urlpatterns = [path("api/console/board/", views.BoardAPI.as_view())]
