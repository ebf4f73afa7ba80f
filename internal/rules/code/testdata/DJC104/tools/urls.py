from django.urls import path, re_path

from . import views

urlpatterns = [
    path("ping/", views.ping),
    path("convert/", views.convert),
    path("backup/<slug:name>/", views.backup),
    path("tool/", views.run_tool),
    path("render/", views.render),
    re_path(r"^services/(?P<service>\w+)/(?P<action>\w+)$", views.service_action),
    re_path(r"^services-dashed/(?P<service>\w+)/(?P<action>[-\w]+)$", views.service_action_dashed),
]
