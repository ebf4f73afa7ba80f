from django.contrib import admin
from django.urls import include, path, re_path

from shop import views

prefix = "backstage/"

urlpatterns = [
    path(f"{prefix}", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("shop/", include("shop.urls")),
    re_path(r"^api/v1/", include("api.urls")),
    path("", views.home),
]
