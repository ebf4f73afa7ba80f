from django.urls import path

from app import views

urlpatterns = [
    path("claims/<int:pk>/edit/", views.ClaimUpdateView.as_view()),
    path("claims/<int:pk>/delete/", views.ClaimDeleteView.as_view()),
    path("claims/new/", views.ClaimCreateView.as_view()),
    path("claims/<int:pk>/approve/", views.ClaimApproveView.as_view()),
    path("layers/new/", views.LayerCreateView.as_view()),
    path("teams/<slug:team>/settings/", views.TeamSettingsView.as_view()),
]
