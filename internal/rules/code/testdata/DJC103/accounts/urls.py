from django.urls import path

from . import views

urlpatterns = [
    path("login/", views.login_view),
    path("logout/", views.logout_view),
    path("go/", views.go),
    path("lang/", views.set_language),
    path("orders/<slug:ref>/", views.order_redirect),
    path("continue/", views.ContinueView.as_view()),
    path("back/", views.back),
]
