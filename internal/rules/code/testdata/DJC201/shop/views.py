import hashlib
import hmac

from django.conf import settings
from django.contrib.auth import authenticate, login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods

from oauthlib_ext.decorators import require_api_scope
from oauthlib_ext.clients import oauth
from onelogin.saml2.auth import OneLogin_Saml2_Auth

from .saml import prepare_request, saml_settings
from social_django.utils import psa

from .keys import remember_source, require_api_key
from .drive import DriveFlow
from .models import AccessToken, Alert, CartItem, DriveAuth, Grant, Order, WishlistItem


@csrf_exempt
def add_to_cart(request):  # want "view is exempt from CSRF protection but changes data \\(database write: CartItem.objects.create.*for the user its cookies identify"
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


def _api_key_ok(request):
    return request.headers.get("Authorization", "") == "Bearer " + settings.SYNC_TOKEN


@csrf_exempt
def sync_cart(request):  # safe: authenticated by a header token, no cookie involved
    if not _api_key_ok(request):
        return HttpResponse(status=401)
    CartItem.objects.create(product_id=int(request.POST["product"]))
    return HttpResponse(status=204)


@csrf_exempt
def ping(request, code):  # safe: anonymous, identified by the unguessable uuid in the URL
    Order.objects.filter(ref=code).update(paid=True)
    return HttpResponse("ok")


@csrf_exempt
def record_view(request):  # want "exempt from CSRF protection and changes data \\(database write: WishlistItem.objects.create.*with nothing that authenticates the request"
    WishlistItem.objects.create(product_id=int(request.POST["product"]))
    return HttpResponse("ok")


@csrf_exempt
def tally(request):  # safe: in-memory only
    counts = {}
    counts.update(request.POST.dict())
    return JsonResponse(counts)


@csrf_exempt
@login_required
def forget_cart(request):  # want "exempt from CSRF protection but changes data \\(database write: CartItem.objects.filter"
    CartItem.objects.filter(owner_id=1).delete()
    return HttpResponse("ok")


@csrf_exempt
def quick_login(request):  # want "exempt from CSRF protection but changes data \\(login\\(\\)"
    user = authenticate(request, username=request.POST["u"], password=request.POST["p"])
    login(request, user)
    return HttpResponse("ok")


@csrf_exempt
@require_api_scope("cart:write")
def scoped_sync(request):  # safe: a third-party decorator djsec cannot see into decides access
    CartItem.objects.create(product_id=int(request.POST["product"]))
    return HttpResponse(status=204)


@login_required
@csrf_exempt
def flag_item(request, pk):  # safe: a request without X-Requested-With is turned away first
    if not request.is_ajax() or not request.user.is_active:
        return HttpResponse(status=403)
    CartItem.objects.filter(pk=pk).update(flagged=True)
    return JsonResponse({"ok": True})


@login_required
@csrf_exempt
def unflag_item(request, pk):  # safe: the header compared by hand
    if request.headers.get("x-requested-with") != "XMLHttpRequest":
        return HttpResponse(status=400)
    CartItem.objects.filter(pk=pk).update(flagged=False)
    return JsonResponse({"ok": True})


@login_required
@csrf_exempt
def pin_item(request, pk):  # safe: other methods are refused, then a request without the header
    if request.method != "POST":
        return HttpResponse(status=405)
    if request.headers.get("x-requested-with") != "XMLHttpRequest":
        return HttpResponse(status=400)
    CartItem.objects.filter(pk=pk).update(pinned=True)
    return JsonResponse({"ok": True})


@login_required
@csrf_exempt
def unpin_item(request, pk):  # want "view is exempt from CSRF protection but changes data"
    if request.method == "POST":
        CartItem.objects.filter(pk=pk).update(pinned=False)  # written before the header is asked for
        return JsonResponse({"ok": True})
    if request.headers.get("x-requested-with") != "XMLHttpRequest":
        return HttpResponse(status=400)
    return JsonResponse({"ok": False})


@login_required
@csrf_exempt
def star_item(request, pk):  # want "view is exempt from CSRF protection but changes data"
    if request.is_ajax():
        CartItem.objects.filter(pk=pk).update(starred=True)  # the header decides the answer, not whether the write happens
    CartItem.objects.filter(pk=pk).update(seen=True)
    return JsonResponse({"ok": True})


@csrf_exempt
@psa("social:complete")
def social_complete(request, backend):  # safe: python-social-auth's callback, which checks the state parameter
    request.session.set_expiry(3600 * 24 * 30)
    return HttpResponse("welcome")


@csrf_exempt
def one_click_unsubscribe(request, secret_key):  # safe: the mailed link's secret key finds the alert; a mail client posts it without cookies
    alert = get_object_or_404(Alert, secret_key=secret_key)
    alert.enabled = False
    alert.save()
    return HttpResponse("unsubscribed")


@csrf_exempt
def disable_by_query(request, query):  # want "exempt from CSRF protection and changes data \\(database write: alert.save\\(\\)\\) with nothing that authenticates the request"
    alert = get_object_or_404(Alert, query=query)
    alert.enabled = False
    alert.save()
    return HttpResponse("disabled")


@require_api_key
@csrf_exempt
def api_record_order(request):  # safe: the caller is authenticated by the apikey it posts, not by cookies
    Order.objects.create(user=request.user, total=int(request.POST["total"]))
    return JsonResponse({"ok": True})


@login_required
@remember_source
@csrf_exempt
def record_order(request):  # want "view is exempt from CSRF protection but changes data"
    Order.objects.create(user=request.user, total=int(request.POST["total"]))
    return JsonResponse({"ok": True})


@csrf_exempt
@require_http_methods(["PATCH"])
@login_required
def rename_cart(request, pk):  # safe: PATCH only, which no form sends, and no CORS lets other origins send cookies
    CartItem.objects.filter(pk=pk, user=request.user).update(label=request.body.decode())
    return JsonResponse({"ok": True})


@csrf_exempt
@require_http_methods(["PATCH", "POST"])
@login_required
def relabel_cart(request, pk):  # want "exempt from CSRF protection but changes data"
    CartItem.objects.filter(pk=pk, user=request.user).update(label=request.body.decode())
    return JsonResponse({"ok": True})


@csrf_exempt
def complete_drive_auth(request):  # safe: the OAuth flow compares the state it kept in the session with the provider's
    state = request.session.get("state")
    if not state:
        raise PermissionDenied("no OAuth flow under way")
    flow = DriveFlow(state=state)
    flow.fetch_token(code=request.GET.get("code"))
    DriveAuth.objects.update_or_create(user=request.user, defaults={"token": flow.token})
    return redirect("/admin/")


@csrf_exempt
def complete_directory_auth(request):  # safe: authlib compares the callback's state with the one the session kept
    token = oauth.directory.authorize_access_token(request)
    DriveAuth.objects.update_or_create(user=request.user, defaults={"token": token["access_token"]})
    return redirect("/admin/")


@csrf_exempt
def saml_acs(request):  # safe: the identity provider posts its signed answer from its own site; python3-saml checks it
    auth = OneLogin_Saml2_Auth(prepare_request(request), saml_settings())
    auth.process_response()
    if auth.is_authenticated():
        DriveAuth.objects.update_or_create(user=request.user, defaults={"token": auth.get_nameid()})
    return redirect("/")


@csrf_exempt
def store_drive_token(request):  # want "view is exempt from CSRF protection but changes data"
    DriveAuth.objects.update_or_create(user=request.user, defaults={"token": request.GET.get("code")})
    return redirect("/admin/")


@csrf_exempt
def cart_api(request, pk):  # safe: a form reaches only the POST branch, whose cookie users pass csrf_protect
    if request.method == "DELETE":
        CartItem.objects.filter(pk=pk, user=request.user).delete()
        return JsonResponse({"ok": True})
    if request.method in ("PUT", "PATCH"):
        return handle_update(request, pk)

    def handle_update(request, pk):
        CartItem.objects.filter(pk=pk, user=request.user).update(label=request.body.decode())
        return JsonResponse({"ok": True})

    @csrf_protect
    def save_label(request):
        CartItem.objects.filter(pk=pk, user=request.user).update(label=request.POST["label"])
        return JsonResponse({"ok": True})

    return save_label(request)


@csrf_exempt
def cart_note_api(request, pk):  # want "exempt from CSRF protection but changes data"
    if request.method == "DELETE":
        CartItem.objects.filter(pk=pk, user=request.user).delete()
    elif request.method == "POST":
        CartItem.objects.filter(pk=pk, user=request.user).update(note=request.POST["note"])
    return JsonResponse({"ok": True})


@csrf_exempt
def cart_delete_api(request, pk):  # safe: the write follows a refusal of every method but DELETE, which no form sends
    if request.method != "DELETE":
        return HttpResponseNotAllowed(["DELETE"])
    CartItem.objects.filter(pk=pk, user=request.user).delete()
    return JsonResponse({"ok": True})


@csrf_exempt
def cart_clear_api(request, pk):  # want "exempt from CSRF protection but changes data"
    if request.method not in ("DELETE", "POST"):
        return HttpResponseNotAllowed(["DELETE", "POST"])
    CartItem.objects.filter(pk=pk, user=request.user).delete()
    return JsonResponse({"ok": True})


@csrf_exempt
def cart_token(request, pk):  # safe: only GET writes, and CSRF protection never checks GET (DJC227 reports such writes)
    if request.method == "GET":
        CartItem.objects.filter(pk=pk, user=request.user).update(note="token")
        return JsonResponse({"ok": True})
    item = CartItem.objects.get(pk=pk, note=request.POST["token"])
    return JsonResponse({"label": item.label})


@method_decorator(csrf_exempt, name="dispatch")
class CartTokenView(View):  # safe: the write is in get, which CSRF protection never checks
    def get(self, request, pk):
        CartItem.objects.filter(pk=pk, user=request.user).update(note="token")
        return JsonResponse({})

    def post(self, request, pk):
        item = CartItem.objects.get(pk=pk, note=request.POST["token"])
        return JsonResponse({"label": item.label})


@method_decorator(csrf_exempt, name="dispatch")
class CartLabelView(View):  # want "exempt from CSRF protection but changes data"
    def get(self, request, pk):
        return JsonResponse({"label": CartItem.objects.get(pk=pk).label})

    def post(self, request, pk):
        CartItem.objects.filter(pk=pk, user=request.user).update(label=request.POST["label"])
        return JsonResponse({})


@method_decorator(csrf_exempt, name="dispatch")
class PaymentCallbackView(View):  # safe: the callback's HMAC over the body is checked first, with ==
    def signed(self, request):
        expected = hmac.new(settings.PAYMENT_SECRET.encode(), msg=request.body, digestmod=hashlib.sha256).hexdigest()
        return request.headers["X-Payment-Signature"] == expected

    def post(self, request):
        if not self.signed(request):
            return HttpResponse(status=400)
        CartItem.objects.filter(pk=request.POST["item"]).update(note="paid")
        return HttpResponse("ok")


@method_decorator(csrf_exempt, name="dispatch")
class PaymentNoteView(View):  # want "with nothing that authenticates the request"
    def post(self, request):
        digest = hashlib.sha256(request.body).hexdigest()  # looks alike: a checksum, no secret
        CartItem.objects.filter(pk=request.POST["item"]).update(note=digest)
        return HttpResponse("ok")


from oauth2_provider.views.generic import ScopedProtectedResourceView  # noqa: E402


@method_decorator(csrf_exempt, name="dispatch")
class DeviceLocationView(ScopedProtectedResourceView):  # safe: django-oauth-toolkit requires a bearer token
    required_scopes = ["location:write"]

    def post(self, request):
        CartItem.objects.filter(user=request.user).update(note=request.POST["where"])
        return HttpResponse("ok")


from apigw_manager.apigw.decorators import apigw_require  # noqa: E402
from blueapps.account.decorators import login_exempt  # noqa: E402


def gateway_note(view):
    return view


@login_exempt
@csrf_exempt
@apigw_require
def gateway_create_order(request):  # safe: no login, but apigw-manager refuses requests the API gateway did not sign
    Order.objects.create(ref=request.body.decode()[:20])
    return JsonResponse({"ok": True})


@csrf_exempt
@gateway_note
def gateway_note_order(request):  # want "view is exempt from CSRF protection"
    # looks alike: a decorator of the project's own that checks nothing
    Order.objects.create(ref=request.body.decode()[:20])
    return JsonResponse({"ok": True})


@method_decorator(csrf_exempt, name="dispatch")
class TokenEndpoint(View):  # safe: an OAuth client posts its code and secret; a 401 answers any that fail, and no cookie is read
    def post(self, request):
        data = request.POST.dict()
        grant = Grant.objects.filter(code=data.get("code", "")).first()
        if grant is None or grant.client_secret != data.get("client_secret") or grant.used:
            return JsonResponse({"error": "invalid_grant"}, status=401)
        grant.used = True
        grant.save()
        return JsonResponse({"access_token": "t"})


@method_decorator(csrf_exempt, name="dispatch")
class SessionTokenEndpoint(View):  # want "exempt from CSRF protection but changes data \\(database write: grant.save\\(\\)\\) for the user its cookies identify"
    def post(self, request):
        if not request.user.is_authenticated:
            return JsonResponse({"error": "login"}, status=401)
        grant = Grant.objects.filter(code=request.POST.get("code", "")).first()
        grant.used = True
        grant.save()
        return JsonResponse({"ok": True})


@method_decorator(csrf_exempt, name="dispatch")
class RevokeEndpoint(View):  # safe: it revokes only the token whose value is posted, which already grants what revoking takes away
    def post(self, request):
        data = request.POST.dict()
        data.setdefault("client_id", "")
        token = AccessToken.objects.filter(token=data.get("token", "")).first()
        if token is None:
            return HttpResponse(status=403)
        token.revoked = True
        token.save()
        return HttpResponse("")


@method_decorator(csrf_exempt, name="dispatch")
class RevokeAllEndpoint(View):  # want "exempt from CSRF protection and changes data \\(database write: AccessToken.objects.filter\\(revoked=False\\).update"
    def post(self, request):
        data = request.POST.dict()
        AccessToken.objects.filter(revoked=False).update(revoked=True)
        token = AccessToken.objects.filter(token=data.get("token", "")).first()
        if token is None:
            return HttpResponse(status=403)
        return HttpResponse("")


class SamlSetup:
    def init_saml_auth(self, request):
        return OneLogin_Saml2_Auth(prepare_request(request), saml_settings())


@method_decorator(csrf_exempt, name="dispatch")
class SamlConsumerView(SamlSetup, View):  # safe: the identity provider posts its signed answer; python3-saml checks it in post
    def post(self, request):
        saml = self.init_saml_auth(request)
        saml.process_response(request_id=request.session.get("AuthNRequestID"))
        if saml.get_last_error_reason():
            return redirect("/")
        login(request, authenticate(request, saml_user_data=saml.get_attributes()))
        return redirect("/")


@method_decorator(csrf_exempt, name="dispatch")
class SamlEchoView(SamlSetup, View):  # want "exempt from CSRF protection but changes data \\(login\\(\\)"
    # looks alike: builds the SAML object, and never checks an answer
    def post(self, request):
        self.init_saml_auth(request)
        login(request, authenticate(request, username=request.POST["user"], password=request.POST["password"]))
        return redirect("/")
