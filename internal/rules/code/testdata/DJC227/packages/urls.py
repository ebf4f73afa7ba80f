from django.urls import path

from . import views

urlpatterns = [
    path("flags/<int:pk>/approve/", views.FlagApproveView.as_view(), name="flag-approve"),
    path("flags/<int:pk>/remove/", views.FlagRemoveView.as_view(), name="flag-remove"),
    path("flags/<int:pk>/approve-by-post/", views.FlagApproveByPostView.as_view()),
    path("packages/<slug:slug>/usage/", views.UsageToggleView.as_view(), name="usage-toggle"),
    path("packages/<slug:slug>/", views.PackageDetailView.as_view(), name="package"),
    path("purge/", views.PurgeView.as_view()),
    path("notices/<int:pk>/read/", views.NoticeReadView.as_view()),
    path("profile/start/", views.ProfileRedirectView.as_view()),
    path("auth/github/callback/", views.GitHubCallbackView.as_view()),
    path("invitations/<uuid:token>/accept/", views.InvitationAcceptView.as_view()),
]
