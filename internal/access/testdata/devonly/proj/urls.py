from django.urls import path

from app import views

urlpatterns = [
    path("uploads/<int:pk>/local/", views.local_upload),
    path("uploads/store/", views.LocalStore.as_view()),
    path("uploads/<int:pk>/beta/", views.beta_upload),
    path("uploads/<int:pk>/", views.upload),
]
