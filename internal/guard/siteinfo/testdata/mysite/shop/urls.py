from django.urls import path

from . import views

urlpatterns = [
    path("product/<int:pk>/", views.product),
    path("login/help/sent/", views.login_help_sent),
]
