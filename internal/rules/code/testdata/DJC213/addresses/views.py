from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.models import User
from django.db import transaction
from django.http import JsonResponse
from django.views import View
from django.views.generic import CreateView, UpdateView
from django_ratelimit.core import is_ratelimited
from django_ratelimit.decorators import ratelimit

from .models import Address, EmailConfirmation, InvoiceMail


def delete_address(request, pk):  # want "view delete_address changes data \\(database write: Address.objects.filter\\(pk=pk\\).delete\\(\\)\\) and anyone can reach it"
    Address.objects.filter(pk=pk).delete()
    return JsonResponse({"ok": True})


@login_required
def edit_address(request, pk):  # safe: login_required
    address = Address.objects.get(pk=pk, user=request.user)
    address.street = request.POST["street"]
    address.save()
    return JsonResponse({"ok": True})


class AddressCreate(CreateView):  # want "view AddressCreate creates, updates or deletes objects"
    model = Address
    fields = ["street"]


class AddressUpdate(LoginRequiredMixin, UpdateView):  # safe: mixin
    model = Address
    fields = ["street"]


def address_detail(request, pk):  # safe: read only
    return JsonResponse({"street": Address.objects.get(pk=pk).street})


class StarView(View):  # want "view StarView changes data"
    def post(self, request, pk):
        address = Address.objects.get(pk=pk)
        address.starred = True
        address.save()
        return JsonResponse({"ok": True})


def signup(request):  # safe: public by purpose
    User.objects.create_user(request.POST["username"], password=request.POST["password"])
    return JsonResponse({"ok": True})


def archive_address(request, pk):  # safe: wrapped in login_required in urls.py
    Address.objects.filter(pk=pk, user=request.user).update(archived=True)
    return JsonResponse({"ok": True})


def address_book(request, username):  # safe: makes the owner's address book the first time anyone looks at it, the same row whoever asks
    owner = User.objects.get(username=username)
    book, _ = Address.objects.get_or_create(user=owner)
    return JsonResponse({"street": book.street})


def tag_address(request, username):  # want "view tag_address changes data \\(database write: Address.objects.get_or_create\\(street=request.GET"
    # looks alike, but the visitor chooses what the row holds
    book, _ = Address.objects.get_or_create(street=request.GET["street"])
    return JsonResponse({"street": book.street})


def claim_address(request, username):  # want "view claim_address changes data \\(database write: Address.objects.get_or_create\\(user=owner, defaults"
    owner = User.objects.get(username=username)
    book, _ = Address.objects.get_or_create(user=owner, defaults={"street": request.GET["street"]})
    return JsonResponse({"street": book.street})


def rename_address(request, pk):  # safe: the write runs only for the owner, a condition named once
    address = Address.objects.get(pk=pk)
    is_owner = request.user == address.owner
    if is_owner:
        address.street = request.POST["street"]
        address.save()
    return JsonResponse({"ok": True})


def rename_address_anyway(request, pk):  # want "view rename_address_anyway changes data \\(database write: address.save\\(\\)\\)"
    address = Address.objects.get(pk=pk)
    allowed = request.user == address.owner
    if request.GET.get("force"):
        allowed = True  # looks alike, but the name is set twice
    if allowed:
        address.street = request.POST["street"]
        address.save()
    return JsonResponse({"ok": True})


class PinView(View):  # want "view PinView changes data .*; its permission_required = \"addresses.pin_address\" \\(line [0-9]+\\) is read by nothing: a plain View ignores it"
    permission_required = "addresses.pin_address"

    def post(self, request, pk):
        Address.objects.filter(pk=pk).update(pinned=True)
        return JsonResponse({"ok": True})


def resend_confirmation(request):  # safe: who has not confirmed a sign-up cannot log in to ask for the mail again
    EmailConfirmation.objects.create(email=request.POST["email"])
    return JsonResponse({"ok": True})


class SendValidationEmailView(View):  # safe: who has not validated a sign-up cannot log in to ask for the mail again
    def post(self, request):
        EmailConfirmation.objects.create(email=request.POST["email"])
        return JsonResponse({"ok": True})


class SendValidationReportView(View):  # want "view SendValidationReportView changes data"
    # looks alike: a validation report is no sign-up's e-mail
    def post(self, request):
        InvoiceMail.objects.create(email=request.POST["email"])
        return JsonResponse({"ok": True})


def resend_invoice(request):  # want "view resend_invoice changes data"
    # looks alike: sending an invoice again is no sign-up step
    InvoiceMail.objects.create(email=request.POST["email"])
    return JsonResponse({"ok": True})


@ratelimit(key="ip", rate="20/h", block=True)
def suggest_street(request):  # want "view suggest_street changes data .*; it limits its own rate"
    Address.objects.create(street=request.POST["street"], suggested=True)
    return JsonResponse({"ok": True})


def report_typo(request, pk):  # want "view report_typo changes data .*; it limits its own rate \\(calls django_ratelimit.core.is_ratelimited"
    if is_ratelimited(request, group="typo", key="ip", rate="5/h", increment=True):
        return JsonResponse({"ok": False}, status=429)
    address = Address.objects.get(pk=pk)
    address.typo_reports += 1
    address.save()
    return JsonResponse({"ok": True})


class FirstAdminView(CreateView):  # want "view FirstAdminView creates, updates or deletes objects .*; it refuses once any user account exists"
    model = User
    fields = ["username", "password"]

    def get(self, request, *args, **kwargs):
        if User.objects.exists():
            return JsonResponse({"ok": False}, status=404)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        with transaction.atomic():
            if User.objects.exists():
                return JsonResponse({"ok": False}, status=404)
            return super().post(request, *args, **kwargs)


class SecondAdminView(CreateView):  # want "view SecondAdminView creates, updates or deletes objects and anyone can reach it: nothing requires"
    # looks alike: only the page is refused once users exist, not the post
    model = User
    fields = ["username", "password"]

    def get(self, request, *args, **kwargs):
        if User.objects.exists():
            return JsonResponse({"ok": False}, status=404)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)


def first_superuser(request):  # want "view first_superuser changes data .*; it refuses once any user account exists"
    if User.objects.filter(is_superuser=True).count() > 0:
        return JsonResponse({"ok": False}, status=404)
    Address.objects.create(street=request.POST["street"])
    return JsonResponse({"ok": True})


def count_then_create(request):  # want "view count_then_create changes data .* and anyone can reach it: nothing requires"
    # looks alike: the count is compared with a number other than zero
    if User.objects.count() > 5:
        return JsonResponse({"ok": False}, status=404)
    Address.objects.filter(pk=request.POST["pk"]).update(street=request.POST["street"])
    return JsonResponse({"ok": True})


class OwedMixin:
    def dispatch(self, request, *args, **kwargs):
        self.owed = request.user.profile.unpaid_total
        return super().dispatch(request, *args, **kwargs)


class RefundCreate(OwedMixin, CreateView):  # safe: its dispatch reads request.user.profile, which an anonymous visitor's AnonymousUser lacks
    model = Address
    fields = ["street"]


class GuestRefundCreate(CreateView):  # want "view GuestRefundCreate creates, updates or deletes objects"
    model = Address
    fields = ["street"]

    def dispatch(self, request, *args, **kwargs):
        self.owed = getattr(request.user, "profile", None)
        if request.user.is_authenticated:
            self.owed = request.user.profile.unpaid_total
        return super().dispatch(request, *args, **kwargs)
