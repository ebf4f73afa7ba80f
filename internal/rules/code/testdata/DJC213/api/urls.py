from django.urls import path

from . import views

urlpatterns = [
    path("notes/", views.create_note),
    path("checkin/", views.checkin),
    path("checkin-noted/", views.checkin_noted),
    path("articles/<int:pk>/download/", views.download_article),
    path("articles/<int:pk>/grant/", views.grant_article),
    path("oauth/token/", views.issue_token),
    path("oauth/token-unchecked/", views.issue_token_unchecked),
    path("notes/<int:pk>/edit/", views.NoteEdit.as_view()),
    path("notes/<int:pk>/delete/", views.NoteDelete.as_view()),
    path("hit/", views.count_hit),
    path("tags/", views.preview_tags),
    path("share/", views.share_link),
    path("keys/<str:key>/use/", views.use_key),
    path("notes/<int:pk>/drop/", views.drop_note),
    path("reports/<slug:slug>/refresh/", views.refresh_report),
    path("reports/<slug:slug>/pin/", views.pin_report),
    path("tiles/<int:z>/", views.tile_proxy),
    path("datasets/<int:pk>/summary/", views.dataset_summary),
    path("datasets/<int:pk>/upload/", views.save_upload),
    path("reports/<int:z>/", views.save_report),
    path("forward/", views.forward),
    path("notes/search/", views.note_search),
    path("notes/<uuid:code>/touch/", views.touch_note),
    path("notes/confirm/<str:signed>/", views.confirm_note),
    path("notes/<int:pk>/archive/", views.archive_note),
    path("export/", views.export_notes),
    path("choice/", views.remember_choice),
    path("notify/", views.notify),
    path("rebuild/", views.rebuild),
    path("version/", views.version),
    path("jobs/<int:job_id>/log/", views.job_log),
    path("jobs/<int:job_id>/purge/", views.job_purge),
    path("export.csv", views.export_csv),
    path("login/help/", views.login_help),
]
urlpatterns += [
    path("notes/<int:pk>/preview/", views.note_preview),
    path("notes/<int:pk>/reset/", views.note_reset),
]
urlpatterns.append(path("newsletter/", views.subscribe_newsletter))
urlpatterns.append(path("mail/optout/", views.optout))
urlpatterns.append(path("mail/options/", views.options))
urlpatterns.append(path("demo-entries/", views.demo_entries))
urlpatterns.append(path("members/demote/", views.demote_member))
urlpatterns += [
    path("notes/<int:pk>/forget/", views.forget_note),
    path("notes/<int:pk>/edit/", views.edit_note),
    path("notes/<int:pk>/drop/", views.drop_public_note),
    path("notes/<int:pk>/forget-own/", views.forget_own_note),
    path("notes/<int:pk>/forget-checked/", views.forget_note_after_check),
    path("notes/<int:pk>/forget-anonymous/", views.forget_note_for_anonymous),
    path("notes/<int:pk>/summary/", views.note_summary),
]
urlpatterns += [
    path("stats/<int:user_id>/", views.stats_page),
    path("top/", views.top_notes),
    path("reader/", views.last_reader),
    path("notes/<int:note_id>/page/", views.note_page),
    path("fragments/<str:name>/", views.fragment),
    path("fragments/<str:name>/pin/", views.pin_fragment),
]
urlpatterns += [
    path("notes/renew/<str:token>/", views.NoteRenew.as_view()),
    path("notes/<int:pk>/rename/", views.NoteRename.as_view()),
]
urlpatterns += [
    path("checkout/", views.checkout_session),
    path("donate/", views.donate),
]
urlpatterns += [
    path("auth/github/callback/", views.GitHubCallbackEndpoint.as_view()),
    path("payments/callback/", views.PaymentCallbackView.as_view()),
]
urlpatterns += [
    path("notes/<int:pk>/vote/", views.NoteVote.as_view()),
    path("notes/<int:pk>/flag/", views.NoteFlag.as_view()),
    path("notes/<int:pk>/archive/", views.NoteArchive.as_view()),
    path("notes/<int:pk>/pin/", views.NotePin.as_view()),
]

from .auth.patterns import can_edit_note, decorated_patterns, remember_reader, with_comment

urlpatterns += decorated_patterns([can_edit_note], path("notes/<int:pk>/publish/", views.note_publish))
urlpatterns += with_comment(can_edit_note, path("notes/<int:pk>/archive-now/", views.note_archive))
urlpatterns += decorated_patterns(remember_reader, path("notes/<int:pk>/touch/", views.note_touch))
urlpatterns += [path("notes/search/", views.search_notes), path("notes/new/", views.new_note)]
urlpatterns += [path("health/", views.health)]
urlpatterns += [
    path("heartbeat/", views.heartbeat),
    path("remember/", views.remember),
    path("notes/<int:pk>/read/", views.read_note),
    path("notes/<int:pk>/rate/", views.rate_note),
    path("menu/", views.home_menu),
    path("menu/add/", views.add_menu),
    path("menu/order/", views.menu_order),
    path("metadata/push/", views.MetadataPushView.as_view()),
    path("metadata/preview/", views.MetadataPreviewView.as_view()),
    path("metadata/sync/", views.MetadataSyncView.as_view()),
    path("metadata/mirror/", views.MetadataMirrorView.as_view()),
    path("front/", views.front_page),
    path("first-title/", views.first_title),
]
urlpatterns += [path("search/links/", views.search_links), path("notes/reset/", views.reset_counts)]
