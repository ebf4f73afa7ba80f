from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter()
router.register("notes", views.NoteViewSet)
router.register("private-notes", views.PrivateNoteViewSet)
router.register("public-notes", views.PublicNoteViewSet)

urlpatterns = router.urls
