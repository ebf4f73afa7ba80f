from django.urls import include, path

from directory.api import api_router as directory_api_router

urlpatterns = [
    path("api/v1/", include(directory_api_router.urls)),
]
