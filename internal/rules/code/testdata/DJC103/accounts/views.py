from django.conf import settings
from django.contrib.auth import login, logout
from django.http import HttpResponsePermanentRedirect, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View

from .forms import OrderMergeForm
from .helpers import is_safe_target, loose_target, return_target
from .models import Order

ALLOWED_TARGETS = ["/", "/shop/", "/account/"]


def login_view(request):
    next_url = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = "/"
    if request.POST.get("remember"):
        return redirect(next_url)  # safe: not reached unless the host check passed
    return HttpResponseRedirect(next_url)  # safe: checked above


def logout_view(request):
    logout(request)
    target = request.GET.get("next")
    return HttpResponseRedirect(target)  # want "redirect target comes from request data \\(request.GET.get\\(.next.\\)\\)"


def go(request):
    url = request.GET["url"]
    if url_has_allowed_host_and_scheme(url, allowed_hosts=settings.ALLOWED_HOSTS):
        return redirect(url)  # safe: guarded branch
    return redirect(reverse("home"))  # safe: reverse()


def set_language(request):
    back = request.META.get("HTTP_REFERER", "/")
    if back in ALLOWED_TARGETS:
        return redirect(back)  # safe: allowlisted
    return HttpResponsePermanentRedirect(back)  # want "HTTP_REFERER"


def order_redirect(request, ref):
    if request.GET.get("external"):
        return redirect(ref)  # want "URL path parameter ref"
    return redirect("/orders/" + ref + "/detail/")  # safe: host pinned by a constant path prefix


def build_next(request):
    return request.GET.get("next", "/")


class ContinueView(View):
    def get(self, request):
        target = build_next(request)
        return redirect(target)  # want "reaches redirect"

    def post(self, request):
        return redirect(f"https://shop.example.com/{request.POST['path']}")  # safe: fixed host


def back(request):
    target = request.GET.get("back", "/")
    if target.startswith("/") and not target.startswith("//"):
        # "/\\evil.example" passes both tests and browsers treat it as //evil.example
        return redirect(target)  # want "request.GET.get\\(.back., ./.\\)"
    return redirect("/")


def shop_redirect(request, shop):
    # a slug holds letters, digits, "-" and "_" only: no scheme, no host
    return redirect(shop)  # safe: relative to the current path


def proxied_login(request):
    nxt = request.GET.get("next", "")
    if nxt:
        nxt = f"?next={nxt}"
    return redirect(f"/{nxt}")  # safe: the request's data only reaches the query string of "/"


def proxied_back(request):
    nxt = request.GET.get("next", "")
    if nxt:
        nxt = f"/{nxt}"
    return redirect(f"{nxt}")  # want "reaches redirect"


def merge_orders(request):
    form = OrderMergeForm(request.POST)
    if not form.is_valid():
        return redirect("/")
    # the orders the form's ModelMultipleChoiceField chose: a QuerySet
    orders = form.cleaned_data.get("orders")
    # a lookup by keyword: a row of the database, whose redirect goes to
    # its get_absolute_url
    main = orders.get(ref=request.POST["main"])
    return redirect(main)  # safe: redirect() of a model instance


def lookup_next(request):
    targets = {"home": "/", "shop": "/shop/"}
    nxt = request.GET.get("next", "/")
    return redirect(targets.get(nxt, nxt))  # want "reaches redirect"


def checked_next(request):  # safe: the target is checked; the query string after it chooses nothing
    params = request.GET.copy()
    url = params.pop("next", [""])[0]
    if not url_has_allowed_host_and_scheme(url, allowed_hosts=None):
        url = "/"
    return redirect(f"{url}?{params.urlencode()}")


def listing_with_query(request):  # safe: the query string goes after a checked target
    params = request.GET.copy()
    url = params.pop("next", [""])[0]
    if not url_has_allowed_host_and_scheme(url, allowed_hosts=None):
        url = "/orders/"
    query = ("?" + params.urlencode()) if params else ""
    return redirect(url + query)


def unchecked_next_with_query(request):
    params = request.GET.copy()
    url = params.pop("next", [""])[0]
    return redirect(f"{url}?{params.urlencode()}")  # want "redirect target comes from request data"


def next_then_query(request):
    return redirect(request.GET["next"] + "?from=shop")  # want "redirect target comes from request data"


def pick_account(request):  # safe: the URL starts with a reversed path; request data only after it
    url = reverse("accounts:import") + f"?account={request.POST.get('choice')}"
    params = request.GET.copy()
    return HttpResponseRedirect(url + f"&{params.urlencode()}")


def pick_next(request):
    url = request.POST.get("next") + f"?account={request.POST.get('choice')}"
    return HttpResponseRedirect(url + "&step=2")  # want "redirect target comes from request data"


class LogoutFlowView(View):
    def get(self, request):
        self.next_path = request.GET.get("next")
        return self.finish(request)

    def finish(self, request):
        if self.next_path and is_safe_target(self.next_path):
            return HttpResponseRedirect(self.next_path)  # safe: another method set it; the check is here
        return HttpResponseRedirect(self.next_path or "/")  # want "reaches HttpResponseRedirect without a host check"


def comment_done(request):  # safe: the helper returns the target only after Django's check
    return HttpResponseRedirect(return_target(request))


def comment_undone(request):
    return HttpResponseRedirect(loose_target(request))  # want "redirect target comes from request data"
