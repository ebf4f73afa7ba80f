from django.urls import path

from app import api, views

urlpatterns = [
    path("notes/<int:pk>/delete/", views.NoteDelete.as_view()),
    path("checkout/", views.Checkout.as_view()),
    path("api/posts/<int:pk>/bookmark/", api.bookmark),
    path("hooks/deploy/", api.hook),
    path("bios/<int:pk>/delete/", api.delete_bio),
    path("bios/<int:pk>/rename/", api.rename_bio),
]
