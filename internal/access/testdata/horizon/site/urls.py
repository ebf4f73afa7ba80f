from django.urls import include, path

urlpatterns = [
    path("project/instances/", include("dashboards.project.instances.urls")),
    path("status/health/", include("dashboards.status.health.urls")),
    path("admin/instances/", include("dashboards.admin.instances.urls")),
]
