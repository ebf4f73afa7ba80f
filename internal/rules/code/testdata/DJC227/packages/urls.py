from django.urls import path

from . import funcviews, joins, views

urlpatterns = [
    path("flags/<int:pk>/approve/", views.FlagApproveView.as_view(), name="flag-approve"),
    path("flags/purge/", views.FlagPurgeView.as_view()),
    path("packages/<int:pk>/star/", views.PackageStarView.as_view()),
    path("packages/<int:pk>/sheet/", views.PackageSheetView.as_view()),
    path("demo/reset/", views.DemoResetView.as_view()),
    path("packages/<int:pk>/pdf/", views.PackagePdfView.as_view()),
    path("packages/sweep/", views.sweep_view),
    path("flags/<int:pk>/remove/", views.FlagRemoveView.as_view(), name="flag-remove"),
    path("flags/<int:pk>/approve-by-post/", views.FlagApproveByPostView.as_view()),
    path("packages/<slug:slug>/usage/", views.UsageToggleView.as_view(), name="usage-toggle"),
    path("packages/<slug:slug>/", views.PackageDetailView.as_view(), name="package"),
    path("purge/", views.PurgeView.as_view()),
    path("emails/off/", views.EmailOptOutView.as_view()),
    path("packages/<int:pk>/thumb/", views.ThumbnailView.as_view()),
    path("packages/<int:pk>/qr/", views.QRCodeView.as_view()),
    path("packages/<int:pk>/icon/", views.IconView.as_view()),
    path("packages/<int:pk>/logo/reset/", views.LogoResetView.as_view()),
    path("notices/<int:pk>/read/", views.NoticeReadView.as_view()),
    path("profile/start/", views.ProfileRedirectView.as_view()),
    path("auth/github/callback/", views.GitHubCallbackView.as_view()),
    path("invitations/<uuid:token>/accept/", views.InvitationAcceptView.as_view()),
    path("invitations/<str:token>/cancel/", views.InvitationCancelView.as_view()),
    path("flags/<int:pk>/approve-now/", funcviews.approve_flag),
    path("packages/<slug:slug>/drop/", funcviews.drop_package),
    path("packages/<slug:slug>/page/", funcviews.package_page),
    path("flags/<int:pk>/edit/", funcviews.edit_flag),
    path("flags/<int:pk>/delete/", funcviews.delete_flag),
    path("packages/<slug:slug>/link/", funcviews.package_link),
    path("packages/<slug:slug>/counts/", funcviews.package_counts),
    path("flags/approve/", funcviews.approve_flags),
    path("flags/approve-form/", funcviews.approve_flags_form),
    path("packages/tag/", funcviews.tag_packages),
    path("packages/connect/done/", funcviews.connect_complete),
    path("flags/review/", funcviews.review_flags),
    path("flags/approve.json", funcviews.approve_flags_json),
    path("flags/vote/", funcviews.vote_flag),
]
urlpatterns += [
    path("packages/<int:pk>/unread/", views.PackageUnreadView.as_view()),
    path("packages/<int:pk>/unread-reset/", views.PackageUnreadResetView.as_view()),
]
urlpatterns += [
    path("releases/<int:pk>/file/", views.PackageFileView.as_view()),
    path("releases/<int:pk>/yank/", views.ReleaseYankView.as_view()),
    path("releases/<int:pk>/notes.docx", views.ReleaseNotesExportView.as_view()),
    path("invitations/<int:pk>/accept/", views.InviteAcceptView.as_view()),
    path("avatar/gravatar/", views.AvatarFromGravatarView.as_view()),
    path("packages/<int:pk>/badge/", views.BadgeFileView.as_view()),
    path("chat/callback/", views.ChatBindCallbackView.as_view()),
    path("directory/callback/", views.DirectoryCallbackView.as_view()),
    path("chat/unbind/", views.ChatUnbindView.as_view()),
]
urlpatterns += [
    path("updates/seen/", views.SeenUpdatesView.as_view()),
    path("theme/", views.ThemeView.as_view()),
]
urlpatterns += [
    path("packages/<int:pk>/join/", joins.JoinView.as_view()),
    path("packages/<int:pk>/join-notify/", joins.JoinNotifyView.as_view()),
    path("packages/<int:pk>/join-default/", joins.JoinDefaultView.as_view()),
]
urlpatterns += [
    path("me/token/", views.ApiTokenView.as_view()),
    path("me/token/reset/", views.ApiTokenResetView.as_view()),
    path("me/token/drop/", views.ApiTokenDropView.as_view()),
]
urlpatterns += [
    path("cone/", views.ConeSearchView.as_view()),
    path("cone/save/", views.ConeSaveView.as_view()),
]
urlpatterns += [
    path("releases/<int:pk>/changelog.txt", views.ChangelogExportView.as_view()),
    path("exports/days/<int:days>/", views.ExportDaysView.as_view()),
    path("notices/empty/", views.NoticeView.as_view()),
    path("tally/<int:pk>/", views.TallyView.as_view()),
    path("invitations/<str:key>/join/", views.InvitationJoinView.as_view()),
    path("invitations/<int:pk>/take/", views.InvitationTakeView.as_view()),
    path("search/", views.PackageSearchView.as_view()),
    path("search/saved/", views.PackageSavedSearchView.as_view()),
]
