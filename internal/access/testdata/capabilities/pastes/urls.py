from django.urls import path

from . import views

urlpatterns = [
    path("pastes/<str:paste_id>/delete/", views.PasteDelete.as_view()),
    path("pastes/<str:paste_id>/delete-by-number/", views.PasteDeleteByNumber.as_view()),
    path("claims/<int:pk>/", views.claim),
    path("claims/<int:pk>/by-ticket/", views.claim_by_ticket),
]
