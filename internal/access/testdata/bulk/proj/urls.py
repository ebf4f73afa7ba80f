from django.urls import include, path
from rest_framework_bulk.routes import BulkRouter

from app import views

router = BulkRouter()
router.register("assets", views.AssetViewSet)
router.register("scans", views.ScanViewSet)

urlpatterns = [path("api/", include(router.urls))]
