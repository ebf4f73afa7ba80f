from django.urls import path

from . import views

urlpatterns = [
    path("tools/", views.tool_index),
    path("tools/label/", views.tool_label),
    path("tools/<str:name>/revisions/<int:pk>/hide/", views.hide_revision),
    path("tools/<str:name>/revisions/<int:pk>/pin/", views.pin_revision),
    path("tools/<str:name>/revisions/<int:pk>/drop/", views.drop_revision),
    path("tools/<str:name>/revisions/<int:pk>/flag/", views.flag_revision),
]
