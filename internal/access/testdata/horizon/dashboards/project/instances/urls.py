from django.urls import re_path

from . import views

urlpatterns = [
    re_path(r"^(?P<instance_id>[^/]+)/update$", views.UpdateView.as_view(), name="update"),
]
