from django.urls import path

from . import views

urlpatterns = [
    path("login/", views.login_view),
    path("logout/", views.logout_view),
    path("go/", views.go),
    path("logout/flow/", views.LogoutFlowView.as_view()),
    path("lang/", views.set_language),
    path("orders/<str:ref>/", views.order_redirect),
    path("shop/<slug:shop>/", views.shop_redirect),
    path("continue/", views.ContinueView.as_view()),
    path("back/", views.back),
]

from . import more_views

urlpatterns += [
    path("orders/<int:pk>/delete/", more_views.OrderDeleteView.as_view()),
    path("after-login/", more_views.after_login),
    path("shop/go/", more_views.go_to_shop),
    path("shop/landing/", more_views.go_to_landing),
    path("basket/go/", more_views.basket_redirect),
    path("tracked/", more_views.tracked_next),
    path("after-logout/", more_views.after_logout),
    path("after-switch/", more_views.after_switch),
    path("after-denial/", more_views.after_denial),
    path("search-again/", more_views.search_again),
    path("login-again/", more_views.login_again),
]

urlpatterns += [
    path("teams/choose/<str:next_name>/", more_views.choose_team),
    path("resume/", more_views.resume),
    path("retry/", more_views.retry_with_query),
]

urlpatterns += [
    path("old/<slug:legacy>/", more_views.old_slug),
    path("bounce/<str:target>/", more_views.bounce),
    path("retry-spec/", more_views.retry_with_spec),
    path("login-bounce/", more_views.login_bounce),
    path("host-bounce/", more_views.host_bounce),
    path("bounce-spec/<str:target>/", more_views.bounce_with_spec),
    path("after-signup/", more_views.after_signup),
    path("email-login/", more_views.email_login),
    path("products/save/", more_views.ProductSaveView.as_view()),
    path("same/", more_views.same_page),
    path("after-profile/", more_views.after_profile),
    path("after-settings/", more_views.after_settings),
    path("after-password/", more_views.after_password),
    path("after-connect/", more_views.after_connect),
    path("finish-social/", more_views.finish_social_login),
    path("proxied-login/", views.proxied_login),
    path("proxied-back/", views.proxied_back),
    path("merge/", views.merge_orders),
    path("lookup/", views.lookup_next),
]
urlpatterns += [
    path("next/checked/", views.checked_next),
    path("orders/listing/", views.listing_with_query),
    path("next/unchecked/", views.unchecked_next_with_query),
    path("next/then-query/", views.next_then_query),
    path("accounts/pick/", views.pick_account),
    path("accounts/pick-next/", views.pick_next),
]

from . import posted

urlpatterns += [
    path("import/done/", posted.import_done),
    path("hooks/done/", posted.hook_done),
    path("shipments/done/", posted.shipment_done),
]
urlpatterns += [
    path("sign-in/", posted.sign_in),
    path("language/", posted.pick_language),
    path("confirm/", posted.confirm_email),
]
urlpatterns += [path("collections/manage/", posted.manage_collection)]
urlpatterns += [path("orders/back/", posted.back_to_orders)]
urlpatterns += [path("sample/<str:username>/", posted.login_sample_user), path("preview-mail/", posted.preview_mail)]
urlpatterns += [path("editor/login/", posted.editor_login), path("editor/logout/", posted.editor_logout)]

from . import kept_next

urlpatterns += [
    path("subject/confirm/", kept_next.ConfirmSubjectView.as_view()),
    path("subject/loose/", kept_next.LooseSubjectView.as_view()),
]
