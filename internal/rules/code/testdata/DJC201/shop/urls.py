from django.urls import path, re_path
from rest_framework.routers import DefaultRouter

from django.views.decorators.csrf import csrf_exempt

from . import actions, api, bounces, ingest, views

urlpatterns = [
    path("actions/add/", csrf_exempt(actions.AddItemAction.as_view())),
    path("actions/add-logged/", csrf_exempt(actions.AddItemLogged.as_view())),
    path("ingest/<int:project_pk>/event/", ingest.IngestEventView.as_view()),
    path("ses/bounce/", bounces.bounce),
    path("saml/consume/", views.SamlConsumerView.as_view()),
    path("saml/echo/", views.SamlEchoView.as_view()),
    path("ses/complaint/", bounces.complaint),
    path("cart/forget/", bounces.forget_cart),
    path("cart/forget-by-form/", bounces.forget_cart_by_form),
    path("ingest/<int:project_pk>/report/", ingest.IngestReportView.as_view()),
    path("cart/add/", views.add_to_cart),
    path("api/cart/empty/", api.empty_cart),
    path("api/cart/clear/", api.CartClearView.as_view()),
    path("api/cart/keep/", api.CartKeepView.as_view()),
    path("api/cart/label/", api.CartLabelView.as_view()),
    path("api/cart/count/", api.CartCountView.as_view()),
    path("status/", views.status),
    path("hooks/stripe/", views.stripe_webhook),
    path("email/", views.EmailUpdateView.as_view()),
    path("wishlist/", csrf_exempt(views.add_to_wishlist)),
    path("complete/<str:backend>/", views.social_complete),
    path("wishlist/count/", csrf_exempt(views.wishlist_count)),
    path("sync/", views.sync_cart),
    path("ping/<uuid:code>/", views.ping),
    path("seen/", views.record_view),
    path("tally/", views.tally),
    path("cart/forget/", views.forget_cart),
    path("quick-login/", views.quick_login),
]
urlpatterns += [
    path("items/<int:pk>/flag/", views.flag_item),
    path("items/<int:pk>/unflag/", views.unflag_item),
    path("items/<int:pk>/pin/", views.pin_item),
    path("items/<int:pk>/unpin/", views.unpin_item),
    path("items/<int:pk>/star/", views.star_item),
]
urlpatterns.append(path("sync/scoped/", views.scoped_sync))
urlpatterns += [
    re_path(r"^alerts/off/([0-9a-f]{40})/$", views.one_click_unsubscribe),
    re_path(r"^alerts/off-by-query/([^/]+)/$", views.disable_by_query),
]
urlpatterns += [path("api/orders/", views.api_record_order), path("orders/record/", views.record_order)]
urlpatterns += [path("cart/<int:pk>/rename/", views.rename_cart), path("cart/<int:pk>/relabel/", views.relabel_cart)]
urlpatterns += [path("drive/complete/", views.complete_drive_auth), path("drive/store/", views.store_drive_token)]
urlpatterns += [path("directory/complete/", views.complete_directory_auth)]
urlpatterns += [path("saml/acs/", views.saml_acs)]

cart_router = DefaultRouter()
cart_router.register("api/cart-items", api.CartItemViewSet, basename="cart-item")
cart_router.register("api/cart-profile", api.CartProfileViewSet, basename="cart-profile")
cart_router.register("api/cart-tags", api.CartTagViewSet, basename="cart-tag")
urlpatterns += cart_router.urls
urlpatterns += [path("cart/<int:pk>/api/", views.cart_api), path("cart/<int:pk>/note/", views.cart_note_api)]
urlpatterns += [path("cart/<int:pk>/delete/", views.cart_delete_api), path("cart/<int:pk>/clear/", views.cart_clear_api)]
urlpatterns += [
    path("cart/<int:pk>/token/", views.cart_token),
    path("cart/<int:pk>/token-view/", views.CartTokenView.as_view()),
    path("cart/<int:pk>/label/", views.CartLabelView.as_view()),
]
urlpatterns += [
    path("payments/callback/", views.PaymentCallbackView.as_view()),
    path("payments/note/", views.PaymentNoteView.as_view()),
    path("devices/location/", views.DeviceLocationView.as_view()),
    path("gateway/orders/", views.gateway_create_order),
    path("gateway/notes/", views.gateway_note_order),
    path("oauth/token/", views.TokenEndpoint.as_view()),
    path("oauth/session-token/", views.SessionTokenEndpoint.as_view()),
    path("oauth/revoke/", views.RevokeEndpoint.as_view()),
    path("oauth/revoke-all/", views.RevokeAllEndpoint.as_view()),
]
