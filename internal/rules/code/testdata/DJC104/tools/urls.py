from django.urls import path

from . import views

urlpatterns = [
    path("ping/", views.ping),
    path("convert/", views.convert),
    path("backup/<slug:name>/", views.backup),
    path("tool/", views.run_tool),
    path("render/", views.render),
]
