from django.urls import include, path

from app import views

urlpatterns = [
    path("notes/<int:pk>/delete/", views.delete_note),
    path("users/", include(([path("login/", views.login, name="login"), path("callback/", views.login, name="callback")], "users"))),
]
