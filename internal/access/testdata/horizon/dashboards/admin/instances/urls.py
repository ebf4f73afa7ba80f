from django.urls import re_path

from dashboards.project.instances import views

urlpatterns = [
    re_path(r"^(?P<instance_id>[^/]+)/update$", views.UpdateView.as_view(), name="update"),
]
