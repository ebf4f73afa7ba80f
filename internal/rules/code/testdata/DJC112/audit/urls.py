from django.urls import path

from . import views

urlpatterns = [path("search/", views.search), path("profile/", views.update_profile), path("item/<int:pk>/", views.item)]
