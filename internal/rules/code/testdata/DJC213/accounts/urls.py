from django.urls import path, re_path

from . import activation, bundles, claims, devices, emails, invites, views

urlpatterns = [
    path("people/<str:username>/tickets/<int:pk>/drop/", views.drop_ticket),
    path("people/<str:username>/tickets/<int:pk>/drop-any/", views.drop_any_ticket),
    path("activate/<str:activation_key>/", activation.ConfirmAccount.as_view()),
    path("devices/<int:pk>/verify/", devices.verify_device),
    path("devices/<int:pk>/confirm/<str:code>/", devices.confirm_device),
    path("members/<int:pk>/primary/", emails.mark_primary),
    path("members/<int:pk>/secondary/", emails.mark_secondary),
    path("members/<int:pk>/seen/", emails.mark_seen),
    path("members/<int:pk>/assign/", emails.assign_member),
    path("members/<int:pk>/unassign/", emails.unassign_member),
    path("devices/<int:pk>/pair/", devices.pair_device),
    path("devices/<int:pk>/unlock/", devices.unlock_device),
    path("invites/<str:key>/accept/", invites.AcceptInvite.as_view()),
    path("prefs/", views.save_prefs),
    path("prizes/<int:pk>/claim/", claims.claim_prize),
    path("prizes/<int:pk>/claim-by-entry/", claims.claim_by_entry),
    path("pastes/<str:paste_id>/delete/", claims.PasteDetail.as_view()),
    path("pastes/<str:number>/delete-by-number/", claims.PasteByNumber.as_view()),
    path("auto_auth/", views.AutoAuth.as_view()),
    path("demo/seed/", views.seed_demo),
    path("reset/token/", views.get_reset_token),
    path("share/token/", views.get_share_token),
    path("bookings/<int:pk>/confirm/", views.confirm_booking),
    path("bookings/<int:pk>/confirm-by-id/", views.confirm_booking_by_id),
    path("members/verify/<key>/", views.verify_member),
    path("members/verify-plain/<key>/", views.verify_member_plain),
    path("account/two_factor/setup/", views.ResetTwoFactorSetup.as_view()),
    path("account/profile/ping/", views.PingProfile.as_view()),
    path("people/<str:username>/listing/", views.toggle_listing),
    path("warm/", views.warm_cache),
    path("recover/", views.RecoverPasswordView.as_view()),
    path("coupons/<int:pk>/star/", views.star_coupon),
    path("banner/reset/", views.reset_banner),
    path("api/login/", views.api_login),
    path("api/attempt/", views.record_attempt),
    path("start/", views.start_page),
    path("visit/", views.visit),
    path("recipes/<str:recipe>/shared/", views.shared_recipe),
    path("recipes/<str:recipe>/count/", views.count_recipe_view),
    path("recipes/<str:recipe>/unshared/", views.unshared_recipe),
    path("donors/<donor>/", views.manage_donor),
    path("tickets/<ticket>/", views.annotate_ticket),
    path("coupons/<code>/", views.redeem_coupon),
    path("email/<int:user_id>/<token>/", views.confirm_email_change),
    path("email/<int:user_id>/<token>/seen/", views.note_email_change),
    path("auth/new/", views.AccountCreateView.as_view(), name="register"),
    path("vote/affirm/", views.AffirmVoteView.as_view()),
    path("votes/<int:pk>/", views.vote),
    path("votes/<int:pk>/anyway/", views.vote_anyway),
    path("votes/<int:pk>/guest/", views.vote_guest),
    path("vote/affirm-other/", views.AffirmOtherVoteView.as_view()),
    path("mail/<int:user_id>/<token>/off/", views.mail_off),
    path("mail/<int:user_id>/<token>/count/", views.mail_off_count),
    path("mail/<int:user_id>/<token>/unchecked/", views.mail_off_unchecked),
    path("notes/new/", views.NoteCreateView.as_view(), name="note-create"),
]
urlpatterns += [
    path("share/count/", views.share_count),
    path("share/count/by-recipe/", views.share_count_by_recipe),
    path("share/count/filtered/", views.share_count_filtered),
]
urlpatterns += [
    path("recover/", views.RecoverView.as_view()),
    path("notes/recovered/", views.RecoveredNotesView.as_view()),
]
urlpatterns += [
    path("terms/", views.accept_terms),
    path("tickets/read/", views.read_all_tickets),
    path("tickets/open/", views.open_ticket),
    path("tickets/close/", views.close_tickets),
]
urlpatterns += [path("tickets/archive/", views.archive_tickets), path("tickets/purge/", views.purge_tickets)]
urlpatterns += [path("pages/feedback/", views.RecordPageFeedback.as_view())]
urlpatterns += [
    # unnamed groups, as re_path allows: the route does not say the value is a secret
    re_path(r"^subscriptions/confirm/([0-9a-f]{40})/$", views.confirm_subscription),
    re_path(r"^subscriptions/confirm-address/([^/]+)/$", views.confirm_by_address),
    re_path(r"^subscriptions/off/([0-9a-f]{40})/$", views.deactivate),
    re_path(r"^subscriptions/off-by-address/([^/]+)/$", views.deactivate_by_address),
]
urlpatterns += [
    path("federation/oauth-callback/", views.FederationView.as_view(), name="oauth_callback"),
    path("partners/return/", views.PartnerReturnView.as_view(), name="partner_return"),
    path("login/<str:provider>/done/", views.callback),
    path("orders/<int:order>/paid/", views.payment_callback),
]
urlpatterns += [
    path("tickets/<int:pk>/text/", views.edit_ticket_text),
    path("tickets/<int:pk>/title/", views.retitle_ticket),
]
urlpatterns += [path("auth/magic/", views.AuthenticateView.as_view())]
urlpatterns += [path("report/", views.BugReportFormView.as_view())]
urlpatterns += [path("tickets/<int:pk>/rename/", views.rename_ticket), path("tickets/<int:pk>/retext/", views.retext_ticket)]
urlpatterns += [path("tickets/purge-now/", views.purge_tickets_now)]
urlpatterns += [
    path("tickets/from-anyone/", views.PublicTicketViewSet.as_view()),
    path("api/public/tickets/", views.file_ticket),
    path("publications/tickets/", views.PublicationTicketView.as_view()),
]
urlpatterns += [path("embed/", views.embed_page), path("embed/members/", views.embed_page_for_members)]
from feedback import views as feedback_views

urlpatterns += [path("feedback/", feedback_views.add), path("feedback/<int:pk>/remove/", feedback_views.remove)]
urlpatterns += [
    path("forget-password/", views.ForgetPasswordView.as_view()),
    path("register/details/", views.user_registration_details),
    path("saml/acs/", views.saml_acs),
    path("classes/enroll/", views.class_registration),
]

from donations import views as donation_views

urlpatterns += [path("donate/", donation_views.add), path("donations/<int:pk>/refund/", donation_views.refund)]

from contact import views as contact_views

urlpatterns += [path("contact/", contact_views.form_view), path("contact/purge/", contact_views.purge_view)]

urlpatterns += [
    path("follows/<int:pk>/confirm/", views.confirm_follow),
    path("follows/<int:pk>/stop/", views.stop_follow),
    path("follows/<int:pk>/stop-by-address/", views.stop_follow_by_address),
    path("follows/<int:pk>/confirm-by-address/", views.confirm_follow_by_address),
    path("bookings/<int:pk>/start/", bundles.start_booking),
    path("coupons/<int:pk>/use-noted/", bundles.use_coupon_noted),
    path("coupons/<int:pk>/use-then-book/", bundles.use_coupon_then_book),
    path("invite/", bundles.invite),
    path("coupons/<int:pk>/comment/", bundles.comment),
    path("coupons/<int:pk>/comment-typed/", bundles.comment_typed),
    path("bookings/<int:pk>/drop/", bundles.drop_booking),
    path("bookings/<int:pk>/drop-unconfirmed/", bundles.drop_unconfirmed_booking),
    path("bookings/home/", bundles.bookings_home),
    path("bookings/<int:pk>/home/", bundles.bookings_home_for),
]
urlpatterns += [path("bookings/search/", bundles.booking_search), path("bookings/search/go/", bundles.booking_search_redirect)]
from cart import views as cart_views
from donations import stock

urlpatterns += [path("cart/add/<int:product_id>/", cart_views.add_to_cart), path("carts/clear/", stock.clear_carts)]
