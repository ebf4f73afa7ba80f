from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter()
router.register("notes", views.NoteViewSet)
router.register("private-notes", views.PrivateNoteViewSet)
router.register("public-notes", views.PublicNoteViewSet)

from django.urls import path

urlpatterns = router.urls + [path("device-token/", views.DeviceToken.as_view())]
