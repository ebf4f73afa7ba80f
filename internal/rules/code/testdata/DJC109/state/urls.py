from django.urls import path

from . import views
from .api import ImportViewSet
from rest_framework.routers import SimpleRouter

router = SimpleRouter()
router.register("imports", ImportViewSet)

urlpatterns = [path("restore/", views.restore), path("config/", views.upload_config)] + router.urls
