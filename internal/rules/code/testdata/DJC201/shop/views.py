import hashlib
import hmac

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.csrf import csrf_exempt

from .models import CartItem, Order, WishlistItem


@csrf_exempt
def add_to_cart(request):  # want "view is exempt from CSRF protection but changes data \\(CartItem.objects.create"
    CartItem.objects.create(user=request.user, product_id=int(request.POST["product"]))
    return JsonResponse({"ok": True})


@csrf_exempt
def status(request):  # safe: read-only view
    return JsonResponse({"items": CartItem.objects.filter(user=request.user).count()})


@csrf_exempt
def stripe_webhook(request):  # safe: signature verified
    signature = request.headers.get("Stripe-Signature", "")
    expected = hmac.new(settings.STRIPE_SECRET.encode(), request.body, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(signature, expected):
        return HttpResponse(status=400)
    Order.objects.filter(ref=request.POST.get("ref")).update(paid=True)
    return HttpResponse(status=200)


@method_decorator(csrf_exempt, name="dispatch")
class EmailUpdateView(View):  # want "exempt from CSRF"
    def post(self, request):
        request.user.email = request.POST["email"]
        request.user.save()
        return JsonResponse({"ok": True})


def add_to_wishlist(request):  # want "exempt from CSRF.*WishlistItem.objects.get_or_create"
    WishlistItem.objects.get_or_create(user=request.user, product_id=int(request.POST["product"]))
    return JsonResponse({"ok": True})


def wishlist_count(request):  # safe: exempt in urls.py but read-only
    return JsonResponse({"n": WishlistItem.objects.filter(user=request.user).count()})
