from django.urls import path

from . import views

urlpatterns = [path("preview/", views.preview), path("mail/<slug:kind>/", views.mail_preview)]
