from django.urls import path

from news import views

urlpatterns = [
    path("news/<int:pk>/", views.story),
    path("news/<int:pk>/print/", views.story_print),
]
