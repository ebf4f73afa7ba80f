from django.urls import include, path
from rest_framework_bulk.routes import BulkRouter

from app import views

router = BulkRouter()
router.register("assets", views.AssetViewSet)

urlpatterns = [path("api/", include(router.urls))]
