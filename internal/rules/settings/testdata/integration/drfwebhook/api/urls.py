from django.urls import path
from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter()
router.register("notes", views.NoteViewSet)

urlpatterns = [path("hooks/delivery/", views.delivery_hook)] + router.urls
