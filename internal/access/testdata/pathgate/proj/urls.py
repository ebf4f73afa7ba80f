from django.urls import path

from app import views

urlpatterns = [
    path("api/console/board/", views.BoardAPI.as_view()),
    path("api/notes/<int:pk>/delete/", views.delete_note),
    path("api/settings/", views.SettingsAPI.as_view()),
    path("api/stats/", views.StatsAPI.as_view()),
]
