from django.urls import path
from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter()
router.register("notes", views.NoteViewSet)
router.register("public-notes", views.PublicNoteViewSet)

urlpatterns = [path("count/", views.note_count)] + router.urls
