from django.contrib import admin
from django.urls import include, path, re_path

urlpatterns = [
    path("admin/", admin.site.urls),  # want "the admin is mounted at the default path admin/"
    path("administration-guide/", include("docs.urls")),  # safe: not the admin site
    re_path(r"^api/", include("api.urls")),  # safe: not the admin
]
