from django.urls import path

from judge import views

urlpatterns = [path("api/submissions/", views.SubmissionAPI.as_view())]
