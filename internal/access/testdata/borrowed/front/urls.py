from django.urls import path

from front import views

urlpatterns = [
    path("accounts/", views.preferences),
    path("about/", views.about),
]
