# Views that give a row the requester before they change anything else:
# Django refuses an AnonymousUser for a foreign key, so an anonymous
# visitor's request fails there.
from django import forms
from django.core.mail import send_mail
from django.http import JsonResponse

from .models import Booking, Coupon, Follow, User


class BookingForm(forms.ModelForm):
    class Meta:
        model = Booking
        fields = ["confirmed"]


class NoteForm(forms.Form):
    note = forms.CharField()

    def __init__(self, *args, user=None, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)


def start_booking(request, pk):  # safe: the booking built first is given the requester, through a name set once
    owner = request.user
    if request.POST.get("action") == "create":
        booking = Booking(owner=owner)
        form = BookingForm(instance=booking, data=request.POST)
        if form.is_valid():
            form.save()
            Coupon.objects.filter(pk=pk).update(used=True)
    return JsonResponse({"ok": True})


def use_coupon_noted(request, pk):  # want "view use_coupon_noted changes data"
    # a form given the requester takes it as any argument and refuses no one
    form = NoteForm(request.POST, user=request.user)
    if form.is_valid():
        Coupon.objects.filter(pk=pk).update(used=True)
    return JsonResponse({"ok": True})


def use_coupon_then_book(request, pk):  # want "view use_coupon_then_book changes data"
    # the coupon is used before the booking that would fail for an anonymous visitor
    if request.method == "POST":
        Coupon.objects.filter(pk=pk).update(used=True)
        Booking(owner=request.user).save()
    return JsonResponse({"ok": True})


def invite(request):  # safe: the follow is created for the requester before the mail goes out
    if request.method == "POST":
        Follow.objects.create(owner=request.user, item_id=0, email=request.POST["email"])
        send_mail("Join us", "You were invited.", None, [request.POST["email"]])
    return JsonResponse({"ok": True})


def comment(request, pk):  # safe: isinstance(request.user, User) holds for logged-in users only
    if request.method == "POST" and isinstance(request.user, User):
        Coupon.objects.filter(pk=pk).update(used=True)
    return JsonResponse({"ok": True})


def comment_typed(request, pk):  # want "view comment_typed changes data"
    # the request's data is checked for its type, not the requester
    if isinstance(request.POST, dict):
        Coupon.objects.filter(pk=pk).update(used=True)
    return JsonResponse({"ok": True})


def drop_booking(request, pk):  # safe: in the helper's branch, the booking goes only once the requester is found to own it
    errors = apply_action(request, pk, request.POST.get("action"))
    return JsonResponse({"errors": errors})


def apply_action(request, pk, action):
    if action == "create":
        booking = Booking(owner=request.user)
        booking.save()
    elif action == "drop":
        booking = Booking.objects.get(pk=pk)
        if request.user != booking.owner:
            return ["not yours"]
        booking.delete()
    return []


def drop_unconfirmed_booking(request, pk):  # want "view drop_unconfirmed_booking changes data"
    # the return before the delete asks the booking, not the requester
    if request.POST.get("action") == "drop":
        booking = Booking.objects.get(pk=pk)
        if booking.confirmed:
            return JsonResponse({}, status=409)
        booking.delete()
    return JsonResponse({"ok": True})


def booking_settings(owner=None, booking=None):
    from django.conf import settings
    if booking is None and owner is not None:
        booking = owner.booking
    if booking is not None:
        Booking.objects.filter(pk=booking).update(confirmed=True)
    return {"theme": settings.THEME}


def bookings_home(request):  # safe: called without a booking or an owner, the helper confirms nothing
    return JsonResponse(booking_settings())


def bookings_home_for(request, pk):  # want "view bookings_home_for changes data through booking_settings"
    # the booking is passed: the branch that confirms it runs
    return JsonResponse(booking_settings(booking=pk))


def render_error(request, error_text, redirect=True):
    # the message waits in a row for the page the redirect leads to
    if redirect:
        Booking.objects.create(confirmed=False)
        return JsonResponse({"next": "/error/"}, status=302)
    return JsonResponse({"error": error_text}, status=400)


def booking_search(request):  # safe: redirect=False, the helper writes nothing
    if not request.GET.get("q"):
        return render_error(request, "No query given.", redirect=False)
    return JsonResponse({"results": []})


def booking_search_redirect(request):  # want "view booking_search_redirect changes data through render_error"
    # looks alike: redirect=True, the row is made
    if not request.GET.get("q"):
        return render_error(request, "No query given.", redirect=True)
    return JsonResponse({"results": []})
