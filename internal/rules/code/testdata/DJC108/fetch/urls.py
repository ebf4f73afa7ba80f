from django.urls import path

from . import metrics, views

urlpatterns = [path("preview/", views.link_preview), path("hook/", views.WebhookTest.as_view()), path("avatar/<str:user>/", views.avatar)]
urlpatterns += [
    path("forge/issues/", views.forge_issues),
    path("forge/mirror/", views.forge_mirror),
    path("source/", views.source_view),
    path("mirror/", views.mirror_view),
]
urlpatterns += [path("partner/event/", views.partner_event), path("partner/page/", views.partner_page)]
urlpatterns += [path("pictures/", views.PictureCreate.as_view()), path("hooks/<int:pk>/", views.HookUpdate.as_view())]
urlpatterns += [path("metrics/find/", metrics.metric_search), path("metrics/find-at/", metrics.metric_search_at)]
urlpatterns += [path("assets/", views.asset_view), path("assets/server/", views.asset_server_view), path("assets/host/", views.asset_host_view)]
