from rest_framework.routers import DefaultRouter

from app import views

router = DefaultRouter()
router.register("notes", views.NoteViewSet, basename="note")
router.register("tags", views.TagViewSet, basename="tag")
urlpatterns = router.urls
