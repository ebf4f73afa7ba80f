from django.urls import path
from app import views
urlpatterns = [
    path("a/", views.delete_field),
    path("b/", views.delete_field_base),
    path("c/", views.delete_field_open),
]
