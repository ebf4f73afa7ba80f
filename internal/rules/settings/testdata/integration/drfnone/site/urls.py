from django.urls import path

from codes import views

urlpatterns = [path("codes/<int:pk>/", views.code_page)]
