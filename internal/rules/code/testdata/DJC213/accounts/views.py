import logging

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import authenticate, login
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.generic import CreateView, FormView, TemplateView, View
from django_htmx.http import HttpResponseClientRedirect
from profilekit.views import ProfileView as PlainProfileView
from two_factor.views import SetupView as TwoFactorSetupView

from .models import Booking, Coupon, Donor, Follow, LoginRecord, Member, ShareLink, Subscription, Ticket, User
from .refusals import has_role, note_refusal, owner_required, refuse, same_user_only, traced
from .tokens import BadToken, log_token, note_unsubscribe_token, read_change_token, read_unsubscribe_token, require_token


def save_prefs(request):  # safe: checks the user itself
    if not request.user.is_authenticated:
        return JsonResponse({}, status=401)
    request.user.profile.theme = request.POST.get("theme")
    request.user.profile.save()
    return JsonResponse({"ok": True})


def warm_cache(request):  # safe: everyone but superusers is sent back to the start page
    if not request.user.is_superuser:
        return HttpResponseRedirect(reverse("index"))
    cache.set("warmed", True, 60)
    return JsonResponse({"ok": True})


def star_coupon(request, pk):  # safe: a visitor is sent to the login page by an htmx redirect
    if not request.user.is_authenticated:
        return HttpResponseClientRedirect("/login/")
    Coupon.objects.filter(pk=pk).update(starred=True)
    return JsonResponse({"ok": True})


def reset_banner(request):  # want "view reset_banner changes data \\(cache write: cache.delete"
    if request.user.is_superuser:
        return HttpResponseRedirect(reverse("index"))
    cache.delete("banner")
    return JsonResponse({"ok": True})


def api_login(request):  # safe: the password is checked with authenticate, and a wrong one gets a 401
    user = authenticate(request, username=request.POST["username"], password=request.POST["password"])
    if user is None:
        return JsonResponse({}, status=401)
    login(request, user)
    LoginRecord.objects.create(user=user)
    return JsonResponse({"ok": True})


def record_attempt(request):  # want "view record_attempt changes data"
    user = authenticate(request, username=request.POST["username"], password=request.POST["password"])
    LoginRecord.objects.create(username=request.POST["username"], ok=user is not None)
    return JsonResponse({"ok": user is not None})


def start_page(request):  # safe: the profile is saved for a logged-in visitor only
    if request.user.is_authenticated and request.user.profile.start_page is None:
        request.user.profile.start_page = "/teams/"
        request.user.profile.save(update_fields=["start_page"])
    return HttpResponseRedirect("/teams/")


def visit(request):  # want "view visit changes data \\(database write: LoginRecord.objects.create"
    if not request.user.is_authenticated:
        LoginRecord.objects.create(username="anonymous")
    return HttpResponseRedirect("/")


def share_link_valid(recipe, share):
    if link := ShareLink.objects.filter(recipe=recipe, uuid=share).first():
        link.last_opened = timezone.now()
        link.save()
        return True
    return False


def shared_recipe(request, recipe):  # safe: the count is written only for a request that carries the link's uuid
    if share_link_valid(recipe, request.GET.get("share")):
        return JsonResponse({"recipe": recipe})
    return HttpResponseRedirect("/")


def count_recipe_view(request, recipe):  # want "view count_recipe_view changes data \\(database write: link.save"
    if link := ShareLink.objects.filter(recipe=recipe).first():
        link.last_opened = timezone.now()
        link.save()
    return JsonResponse({"recipe": recipe})


def unshared_recipe(request, recipe):  # want "view unshared_recipe changes data \\(database write: ShareLink.objects.create"
    if not ShareLink.objects.filter(recipe=recipe, uuid=request.GET.get("share")).exists():
        ShareLink.objects.create(recipe=recipe, uuid=request.GET.get("share"))
    return JsonResponse({"recipe": recipe})


def manage_donor(request, donor):  # safe: the donor's key is a random string drawn when it is saved, sent by mail
    d = get_object_or_404(Donor, pk=donor)
    d.email = request.POST.get("email", "")
    d.save()
    return JsonResponse({"ok": True})


def annotate_ticket(request, ticket):  # safe: the ticket's primary key is a random uuid4
    t = Ticket.objects.get(pk=ticket)
    t.note = request.POST.get("note", "")
    t.save()
    return JsonResponse({"ok": True})


def redeem_coupon(request, code):  # want "view redeem_coupon changes data \\(database write: c.save"
    c = get_object_or_404(Coupon, pk=code)
    c.used = True
    c.save()
    return JsonResponse({"ok": True})


class RecoverPasswordView(FormView):  # safe: a reset e-mail is asked for before anyone is logged in
    template_name = "accounts/recover.html"

    def form_valid(self, form):
        form.save(request=self.request)
        return JsonResponse({"sent": True})


def confirm_email_change(request, user_id, token):  # safe: the token from the e-mail is checked by read_change_token
    user = get_object_or_404(User, pk=user_id)
    try:
        new_email = read_change_token(user, token)
    except BadToken:
        return JsonResponse({"error": "expired"}, status=400)
    user.email = new_email
    user.save()
    return JsonResponse({"ok": True})


def note_email_change(request, user_id, token):  # want "view note_email_change changes data"
    # looks alike: the token is only logged, never checked
    log_token(token)
    user = get_object_or_404(User, pk=user_id)
    user.email_changes += 1
    user.save()
    return JsonResponse({"ok": True})


class AccountCreateView(CreateView):  # safe: routed as the sign-up page (name="register")
    model = User
    fields = ["username", "email"]


class NoteCreateView(CreateView):  # want "view NoteCreateView creates, updates or deletes objects"
    # looks alike: a generic name, routed as a note's creation
    model = LoginRecord
    fields = ["username"]


def mail_off(request, user_id, token):  # safe: read_unsubscribe_token checks the link's signature
    user = get_object_or_404(User, pk=user_id)
    read_unsubscribe_token(user, token)
    user.email = ""
    user.save()
    return JsonResponse({"ok": True})


def mail_off_count(request, user_id, token):  # want "view mail_off_count changes data"
    user = get_object_or_404(User, pk=user_id)
    note_unsubscribe_token(user, token)
    user.email = ""
    user.save()
    return JsonResponse({"ok": True})


class AffirmVoteView(TemplateView):  # safe: writes only the requester's own membership, which an anonymous visitor has not
    template_name = "accounts/affirm.html"

    def post(self, request, *args, **kwargs):
        self.request.user.membership.votes = True
        self.request.user.membership.save()
        return HttpResponseRedirect("/done/")


class AffirmOtherVoteView(TemplateView):  # want "view AffirmOtherVoteView changes data"
    # looks alike: the membership is looked up from the request, not the requester's own
    template_name = "accounts/affirm.html"

    def post(self, request, *args, **kwargs):
        membership = get_object_or_404(User, pk=request.POST["user"])
        membership.votes = True
        membership.save()
        return HttpResponseRedirect("/done/")


def vote(request, pk):  # want "view vote changes data \\(database write: v.save\\(\\)\\) and anyone can reach it .*; it gives anonymous visitors an identity of their own"
    # anonymous votes are the feature: each is tied to the visitor's cookie
    v = LoginRecord(username=str(pk))
    if request.user.is_authenticated:
        v.username = request.user.username
    else:
        v.anonymous_id = request.COOKIES.get("anon", "")
    v.save()
    return JsonResponse({"ok": True})


def vote_anyway(request, pk):  # want "view vote_anyway changes data \\(database write: v.save\\(\\)\\) and anyone can reach it: nothing requires a login"
    # looks alike: tells the two apart, but only to log
    v = LoginRecord(username=str(pk))
    if request.user.is_authenticated:
        print("member vote")
    v.save()
    return JsonResponse({"ok": True})


def vote_guest(request, pk):  # want "view vote_guest changes data .*; it gives anonymous visitors an identity of their own \\(v.session_key = request.session.session_key"
    v = LoginRecord(username=str(pk))
    if request.user.is_anonymous:
        v.session_key = request.session.session_key
    v.save()
    return JsonResponse({"ok": True})


def mail_off_unchecked(request, user_id, token):  # want "view mail_off_unchecked changes data"
    user = get_object_or_404(User, pk=user_id)
    require_token(user, token)
    user.email = ""
    user.save()
    return JsonResponse({"ok": True})


def share_count(request):  # safe: the row is fetched by the secret the link carries, 404 otherwise
    link = get_object_or_404(ShareLink, uuid=request.GET["share"])
    link.last_opened = timezone.now()
    link.save()
    return JsonResponse({"ok": True})


def share_count_by_recipe(request):  # want "view share_count_by_recipe changes data \\(database write: link.save\\(\\)\\)"
    # looks alike: fetched by a recipe's name, which anyone knows
    link = get_object_or_404(ShareLink, recipe=request.GET["recipe"])
    link.last_opened = timezone.now()
    link.save()
    return JsonResponse({"ok": True})


def share_count_filtered(request):  # want "view share_count_filtered changes data \\(database write: ShareLink.objects.filter"
    # a filter finds nothing quietly: the update runs for anyone, on no row or many
    links = ShareLink.objects.filter(uuid=request.GET["share"])
    ShareLink.objects.filter(recipe="public").update(request_count=0)
    return JsonResponse({"n": links.count()})


class RecoverView(FormView):  # safe: the password-recovery page, which people who cannot log in need
    def post(self, request):
        user = User.objects.filter(email=request.POST["email"]).first()
        user.email_changes = 0
        user.save()
        return JsonResponse({"ok": True})


class RecoveredNotesView(FormView):  # want "view RecoveredNotesView changes data"
    # looks alike by its first word: restores deleted notes, no recovery of an account
    def post(self, request):
        LoginRecord.objects.filter(username=request.POST["username"]).delete()
        return JsonResponse({"ok": True})


def accept_terms(request):  # safe: the requester's own row, through a name; an anonymous visitor's has none
    details = request.user.profile
    details.accepted_terms = True
    details.save()
    return JsonResponse({"ok": True})


def read_all_tickets(request):  # safe: only rows filtered by the requester, which an anonymous visitor cannot filter by
    Ticket.objects.filter(assignee=request.user, seen=False).update(seen=True)
    return JsonResponse({"ok": True})


def open_ticket(request):  # safe: the row is given the requester, which an anonymous visitor cannot be
    Ticket.objects.create(assignee=request.user, note=request.POST["note"])
    return JsonResponse({"ok": True})


def close_tickets(request):  # want "view close_tickets changes data"
    # the requester is only a name in the note: anyone closes every ticket
    Ticket.objects.filter(seen=False).update(note=f"closed by {request.user}")
    return JsonResponse({"ok": True})


def archive_tickets(request):  # safe: the name is decorated by assigning it again, below
    Ticket.objects.filter(seen=True).delete()
    return JsonResponse({"ok": True})


archive_tickets = login_required(never_cache(archive_tickets))


def purge_tickets(request):  # want "view purge_tickets changes data"
    Ticket.objects.all().delete()
    return JsonResponse({"ok": True})


purge_tickets = never_cache(purge_tickets)


class RecordPageFeedback(TemplateView):
    def post(self, request):  # safe: anonymous feedback on a page is what the view is for
        Ticket.objects.create(subject=request.POST.get("comment", ""))
        return JsonResponse({"ok": True})


def confirm_subscription(request, activation_key):  # safe: only whoever holds the e-mailed key gets past the check
    subs = Subscription.objects.filter(activation_key=activation_key)
    if not len(subs):
        return JsonResponse({"invalid": True}, status=404)
    for sub in subs:
        sub.confirmed = True
        sub.save()
    return JsonResponse({"ok": True})


def confirm_by_address(request, email):  # want "view confirm_by_address changes data"
    # looks alike: an address is no secret
    subs = Subscription.objects.filter(email=email)
    if not len(subs):
        return JsonResponse({"invalid": True}, status=404)
    for sub in subs:
        sub.confirmed = True
        sub.save()
    return JsonResponse({"ok": True})


def switch_off(subscription):
    subscription.active = False
    subscription.save()


def deactivate(request, secret_key):  # safe: the link's secret key finds the row, or the view stops
    try:
        sub = Subscription.objects.get(secret_key=secret_key)
    except Subscription.DoesNotExist:
        return JsonResponse({"invalid": True}, status=404)
    switch_off(sub)
    return JsonResponse({"ok": True})


logger = logging.getLogger(__name__)


def confirm_follow(request, pk):  # safe: the e-mailed link's hash finds the row (after a log line), or the view stops
    code = request.GET.get("code", "")
    try:
        logger.info("confirming the follow of %s", pk)
        follow = Follow.objects.get(item_id=pk, hash=code)
    except Follow.DoesNotExist:
        raise Http404()
    except Follow.MultipleObjectsReturned:
        logger.error("two follows of %s share a hash", pk)  # rows the hash found, all of them
    follow.confirmed = True
    follow.save()
    return HttpResponseRedirect("/")


def stop_follow(request, pk):  # safe: only the row the link's hash finds is deleted
    code = request.GET.get("code", "")
    try:
        logger.debug("unfollowing %s", pk)
        Follow.objects.get(item_id=pk, hash=code).delete()
    except Follow.DoesNotExist:
        logger.error("no follow of %s with that hash", pk)
    return HttpResponseRedirect("/")


def stop_follow_by_address(request, pk):  # want "view stop_follow_by_address changes data"
    try:
        logger.debug("unfollowing %s", pk)
        Follow.objects.get(item_id=pk, email=request.GET["email"]).delete()
    except Follow.DoesNotExist:
        logger.error("no follow of %s by that address", pk)
    return HttpResponseRedirect("/")


def confirm_follow_by_address(request, pk):  # want "view confirm_follow_by_address changes data"
    try:
        logger.info("confirming the follow of %s", pk)
        follow = Follow.objects.get(item_id=pk, email=request.GET.get("email", ""))
    except Follow.DoesNotExist:
        raise Http404()
    except Follow.MultipleObjectsReturned:
        logger.error("two follows of %s by one address", pk)
    follow.confirmed = True
    follow.save()
    return HttpResponseRedirect("/")


def deactivate_by_address(request, email):  # want "view deactivate_by_address changes data through switch_off"
    try:
        sub = Subscription.objects.get(email=email)
    except Subscription.DoesNotExist:
        return JsonResponse({"invalid": True}, status=404)
    switch_off(sub)
    return JsonResponse({"ok": True})


class FederationView(TemplateView):  # safe: routed as the identity provider's callback (oauth-callback/), which runs before anyone is logged in
    def get(self, request):
        LoginRecord.objects.create(username=request.GET.get("sub", ""), ok=True)
        return HttpResponseRedirect("/")


class PartnerReturnView(TemplateView):  # want "view PartnerReturnView changes data"
    # looks alike: a partner's return URL is no identity provider's callback
    def get(self, request):
        LoginRecord.objects.create(username=request.GET.get("sub", ""), ok=True)
        return HttpResponseRedirect("/")


def edit_ticket_text(request, pk):  # safe: editors only, refused by the project's helper
    if not has_role(request.user, "Editor"):
        refuse(request, "Editors only.")
    Ticket.objects.filter(pk=pk).update(text=request.POST["text"])
    return JsonResponse({"ok": True})


def retitle_ticket(request, pk):  # want "view retitle_ticket changes data"
    # looks alike: the helper only logs, and the write goes on
    if not has_role(request.user, "Editor"):
        note_refusal(request, "Editors only.")
    Ticket.objects.filter(pk=pk).update(text=request.POST["text"])
    return JsonResponse({"ok": True})


class AuthenticateView(TemplateView):  # safe: the magic-link login page, which anonymous users need by its nature
    def get(self, request):
        record = LoginRecord.objects.create(username=request.GET.get("login_token", "")[:8], ok=False)
        return JsonResponse({"record": record.pk})


class BugReportFormView(CreateView):  # safe: a public form for reporting problems with the site, open by design
    model = LoginRecord
    fields = ["username"]


@owner_required
def rename_ticket(request, pk):  # safe: the decorator's wrapper is itself login_required
    Ticket.objects.filter(pk=pk).update(text=request.POST["text"])
    return JsonResponse({"ok": True})


@traced
def retext_ticket(request, pk):  # want "view retext_ticket changes data"
    # looks alike: the decorator's wrapper only logs
    Ticket.objects.filter(pk=pk).update(text=request.POST["text"])
    return JsonResponse({"ok": True})


@admin.site.admin_view
def purge_tickets_now(request):  # safe: the admin's own check lets only active staff in
    Ticket.objects.all().delete()
    return JsonResponse({"ok": True})


class PublicTicketViewSet(TemplateView):
    def post(self, request):  # safe: its authors named it for the public, who file tickets without an account
        Ticket.objects.create(subject=request.POST.get("subject", ""))
        return JsonResponse({"ok": True})


def file_ticket(request):  # safe: routed under public/, the API for anonymous visitors
    Ticket.objects.create(subject=request.POST.get("subject", ""))
    return JsonResponse({"ok": True})


class PublicationTicketView(TemplateView):  # want "view PublicationTicketView changes data"
    def post(self, request):
        Ticket.objects.create(subject=request.POST.get("subject", ""))
        return JsonResponse({"ok": True})


def refresh_login_record(user):
    if not user or user.is_anonymous:
        return None
    LoginRecord.objects.filter(user=user).delete()
    return LoginRecord.objects.create(user=user)


def refresh_record_unless_staff(user):
    if user.is_staff:
        return None
    return Ticket.objects.create(subject="seen")


def embed_page(request):  # safe: the helper writes only for a logged-in user
    refresh_login_record(request.user)
    return JsonResponse({"ok": True})


def embed_page_for_members(request):  # want "view embed_page_for_members changes data through refresh_record_unless_staff"
    refresh_record_unless_staff(request.user)
    return JsonResponse({"ok": True})


@same_user_only
def toggle_listing(request, username):  # safe: the decorator lets only the logged-in owner through
    ticket = get_object_or_404(Ticket, owner__username=username)
    ticket.listed = not ticket.listed
    ticket.save()
    return JsonResponse({"listed": ticket.listed})


class ResetTwoFactorSetup(TwoFactorSetupView):  # safe: django-two-factor-auth's SetupView requires a login
    def post(self, request, *args, **kwargs):
        Ticket.objects.create(subject="two-factor setup restarted")
        return super().post(request, *args, **kwargs)


class PingProfile(PlainProfileView):  # want "view PingProfile changes data"
    # looks alike: another library's ProfileView checks nobody
    def post(self, request, *args, **kwargs):
        Ticket.objects.create(subject="profile ping")
        return JsonResponse({"ok": True})


class ForgetPasswordView(FormView):  # safe: "forget password", the reset page of people who cannot log in
    def post(self, request):
        user = User.objects.filter(email=request.POST["email"]).first()
        user.email_changes = 0
        user.save()
        return JsonResponse({"ok": True})


def user_registration_details(request):  # safe: the second step of signing up, for visitors without an account
    User.objects.create(email=request.POST["email"])
    return JsonResponse({"ok": True})


def saml_acs(request):  # safe: the SAML assertion consumer, where the identity provider posts its signed answer
    User.objects.filter(email=request.POST["SAMLResponse"]).update(email_changes=0)
    return JsonResponse({"ok": True})


def class_registration(request):  # want "view class_registration changes data"
    # looks alike: registering for a class is what members do once logged in
    Ticket.objects.create(subject=request.POST["class"])
    return JsonResponse({"ok": True})


def verify_member(request, key):  # safe: the manager method unsigns the key, and refuses a forged one
    try:
        member = Member.objects.get_with_verification_key(key)
    except Member.DoesNotExist:
        raise Http404
    member.verified = True
    member.save()
    return HttpResponseRedirect("/")


def verify_member_plain(request, key):  # want "view verify_member_plain changes data"
    try:
        member = Member.objects.get_with_plain_key(key)
    except Member.DoesNotExist:
        raise Http404
    member.verified = True
    member.save()
    return HttpResponseRedirect("/")


def confirm_booking(request, pk):  # safe: refused unless the requester owns the booking
    booking = Booking.objects.filter(pk=pk).first()
    if booking is None:
        raise Http404
    if booking.owner != request.user:
        raise ValidationError("not your booking")
    booking.confirmed = True
    booking.save()
    return HttpResponseRedirect("/")


def confirm_booking_by_id(request, pk):  # want "view confirm_booking_by_id changes data"
    # an anonymous visitor's id is None, as is the owner_id of a booking nobody owns
    booking = Booking.objects.filter(pk=pk).first()
    if booking is None:
        raise Http404
    if booking.owner_id != request.user.id:
        raise ValidationError("not your booking")
    booking.confirmed = True
    booking.save()
    return HttpResponseRedirect("/")


def get_reset_token(request):  # safe: a password reset starts without a login
    account = User.objects.filter(email=request.POST.get("email")).first()
    if account:
        account.email_changes = account.email_changes + 1
        account.save()
    return HttpResponseRedirect("/")


def get_share_token(request):  # want "view get_share_token changes data"
    account = User.objects.filter(email=request.POST.get("email")).first()
    if account:
        account.email_changes = account.email_changes + 1
        account.save()
    return HttpResponseRedirect("/")


class AutoAuth(View):  # safe: answers 404 unless ENABLE_AUTO_AUTH, which production turns off
    def get(self, request):
        if not settings.ENABLE_AUTO_AUTH:
            raise Http404
        user = User.objects.create_user("auto", password="auto")
        Ticket.objects.create(note="demo ticket")
        login(request, user)
        return HttpResponseRedirect("/")


def seed_demo(request):  # want "view seed_demo changes data"
    """Fills the site with demo rows."""
    if not settings.DEMO_SEEDING:
        raise Http404
    Ticket.objects.create(note="demo")
    return JsonResponse({})


def drop_ticket(request, username, pk):  # safe: only the user the URL names gets past the comparison
    if request.GET.get("drop") and username == request.user.username:
        Ticket.objects.filter(pk=pk, owner__username=username).delete()
    return redirect("home")


def drop_any_ticket(request, username, pk):  # want "view drop_any_ticket changes data"
    if request.GET.get("drop") and username != request.user.get_short_name():
        Ticket.objects.filter(pk=pk).delete()
    return redirect("home")


def callback(request, provider):  # safe: the identity provider sends the browser back with the code it trades for a token
    code = request.GET.get("code", "")
    if not code:
        return HttpResponseRedirect("/")
    LoginRecord.objects.create(username=provider + ":" + code[:8], ok=True)
    return HttpResponseRedirect("/")


def payment_callback(request, order):  # want "view payment_callback changes data"
    # looks alike: a payment provider posts its result, which needs a signature
    LoginRecord.objects.create(username=request.POST.get("payer", ""), ok=True)
    return HttpResponseRedirect("/")
