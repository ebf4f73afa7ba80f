from django.urls import path

from news import views

urlpatterns = [
    path("news/<int:pk>/", views.story),
    path("news/<int:pk>/print/", views.story_print),
    path("digest/<slug:topic>/", views.DigestView.as_view()),
    path("digest/<slug:topic>/mixed/", views.MixedDigestView.as_view()),
    path("entries/<int:pk>/", views.EntryView.as_view()),
]
