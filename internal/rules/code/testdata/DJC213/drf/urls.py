from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter()
router.register("notes", views.NoteViewSet)
router.register("private-notes", views.PrivateNoteViewSet)
router.register("typed-notes", views.TypedNoteViewSet, basename="typed-note")
router.register("public-notes", views.PublicNoteViewSet)
router.register("my-notes", views.MyNoteViewSet, basename="my-note")
router.register("moderated-notes", views.ModeratedNoteViewSet)
router.register("draft-notes", views.DraftNoteViewSet, basename="draft-note")
router.register("inbox", views.InboxViewSet, basename="inbox")
router.register("unread-notes", views.UnreadNoteViewSet, basename="unread-note")
router.register("client-tokens", views.ClientTokenViewSet, basename="client-token")
router.register("hooks", views.HookViewSet, basename="hook")
router.register("open-tokens", views.OpenTokenViewSet, basename="open-token")
router.register("listed-notes", views.ListedNoteViewSet, basename="listed-note")
router.register("patchable-notes", views.PatchableNoteViewSet, basename="patchable-note")
router.register("notices", views.NoticeViewSet, basename="notice")
router.register("board", views.BoardViewSet, basename="board")
router.register("bearer-notes", views.BearerNoteViewSet, basename="bearer-note")
router.register("optional-bearer-notes", views.OptionalBearerNoteViewSet, basename="optional-bearer-note")
router.register("loose-bearer-notes", views.LooseBearerNoteViewSet, basename="loose-bearer-note")
router.register("dispatched-notes", views.DispatchedNoteViewSet, basename="dispatched-note")
router.register("noted-notes", views.NotedNoteViewSet, basename="noted-note")

from django.urls import path

urlpatterns = router.urls + [path("device-token/", views.DeviceToken.as_view())]
urlpatterns += [
    path("catalogue/", views.CatalogueViewSet.as_view({"get": "list"})),
    path("catalogue/<int:pk>/", views.CatalogueViewSet.as_view({"get": "retrieve"})),
    path("archive/", views.ArchiveViewSet.as_view({"get": "list", "post": "create"})),
]
