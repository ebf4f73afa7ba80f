from django.urls import path

from . import views

urlpatterns = [
    path("<int:pk>/moderate/", views.ModerateView.as_view()),
    path("<int:pk>/remove/", views.ReasonedRemoveView.as_view()),
]
