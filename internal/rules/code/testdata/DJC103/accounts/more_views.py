from urllib.parse import quote, urlencode

from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, resolve_url
from django.urls import reverse
from django.views import View

from .forms import LoginForm, PickForm, ShopPickForm
from .helpers import (
    add_code_message,
    add_tracking,
    checked_elsewhere,
    is_foreign,
    is_odd,
    is_safe_target,
    known_route,
    looks_local,
    relative_only,
    sometimes_checked,
)
from .models import Order


class ReturnURLMixin:
    default_return_url = "home"

    def get_return_url(self, request, obj=None):
        target = request.GET.get("return_url") or request.POST.get("return_url")
        if target and is_safe_target(target):
            return target
        if obj is not None and hasattr(obj, "get_absolute_url"):
            return obj.get_absolute_url()
        return reverse(self.default_return_url)


class OrderDeleteView(ReturnURLMixin, View):
    def post(self, request, pk):
        order = get_object_or_404(Order, pk=pk)
        form = PickForm(request.POST)
        if form.is_valid():
            picked = form.cleaned_data["order"]
            return redirect(self.get_return_url(request, picked))  # safe: checked helper, model URL
        return_url = form.cleaned_data.get("return_url")
        if return_url and return_url.startswith("/"):
            return redirect(return_url)  # want "form.cleaned_data.get\\(.return_url.\\)"
        return redirect(self.get_return_url(request, order))  # safe


def after_login(request):
    nxt = request.GET.get("next")
    if nxt and known_route(nxt):
        return redirect(nxt)  # safe: resolves to an allow-listed route
    if nxt and checked_elsewhere(nxt):
        return redirect(nxt)  # safe: the helper returns True only after the host check
    return redirect("dashboard")


def after_logout(request):
    nxt = request.GET.get("next", "/")
    if looks_local(nxt):
        return redirect(nxt)  # want "request.GET.get\\(.next., ./.\\)\\) and reaches redirect; it passes looks_local\\(…\\) first \\(accounts/more_views.py:60\\)"
    if sometimes_checked(nxt, strict=False):
        return redirect(nxt)  # want "request.GET.get\\(.next., ./.\\)"
    return redirect("/")


def known_mode(mode):
    return mode in ("list", "grid")


def after_switch(request):
    # the test is of another value: the target passed no check at all
    nxt = request.GET.get("next", "/")
    mode = request.GET.get("mode", "")
    if known_mode(mode):
        return redirect(nxt)  # want "request.GET.get\\(.next., ./.\\)\\) and reaches redirect without a host check"
    return redirect("/")


def after_denial(request):
    # the branch runs when the test fails: the target passed nothing
    nxt = request.GET.get("next", "/")
    if not looks_local(nxt):
        return redirect(nxt)  # want "request.GET.get\\(.next., ./.\\)\\) and reaches redirect without a host check"
    return redirect("/")


def search_again(request):
    query = request.GET.get("q", "")
    return HttpResponseRedirect(reverse("search") + "?" + urlencode({"q": query}))  # safe: query string only


def login_again(request):
    back = request.get_full_path()
    target = request.GET.get("next", "")
    url = resolve_url("login") + "?next=" + target
    return redirect(url)  # safe: the host comes from resolve_url


def choose_team(request, next_name):
    querystring = request.GET.get("next_querystring")
    target = reverse(next_name)
    if querystring:
        target += "?" + urlencode({"q": querystring})
    return redirect(target)  # safe: user data only in the query string


def resume(request):
    target = "/"
    target += request.GET.get("path", "")
    return redirect(target)  # want "request.GET.get\\(.path., ..\\)"


def retry_with_query(request):
    return redirect("{}?{}".format(reverse("search"), request.GET.urlencode()))  # safe: query string after reverse()


def retry_with_spec(request):
    return redirect("{:s}?{:s}".format(reverse("search"), urlencode(request.GET.dict())))  # safe: a format spec changes nothing


def bounce_with_spec(request, target):
    return redirect("{:s}?{:s}".format(target, urlencode(request.GET.dict())))  # want "URL path parameter target"


def login_bounce(request):
    login_url = reverse("login")
    result = f"{login_url}?next={quote(request.GET.get('next', '/'))}"
    result = f"{result}&{request.GET.urlencode()}"
    return redirect(result)  # safe: request data only in the query string of a reversed URL


def host_bounce(request):
    # looks alike: the start itself is the visitor's
    start = f"{request.GET['site']}?from=shop"
    result = f"{start}&{request.GET.urlencode()}"
    return redirect(result)  # want "reaches redirect"


def old_slug(request, legacy):
    new_path = request.path.replace(legacy, legacy.replace("_", "-"))
    return redirect("{}?{}".format(new_path, request.GET.urlencode()))  # safe: the path is this site's, the query cannot move it


def bounce(request, target):
    return redirect("{}?{}".format(target, request.GET.urlencode()))  # want "URL path parameter target"


def after_signup(request):
    return redirect(resolve_url(request.GET.get("next", "home")))  # want "reaches redirect"


def email_login(request):
    form = LoginForm(request.get_host(), request.POST)
    if form.is_valid():
        return redirect(form.cleaned_data["redirect_url"] or "/")  # safe: clean_redirect_url checks the host
    return redirect(request.POST.get("redirect_url", "/"))  # want "reaches redirect"


class ProductSaveView(View):
    def url_with_querystring(self, url):
        parts = [url]
        if self.request.GET.urlencode():
            parts += [self.request.GET.urlencode()]
        return "?".join(parts)

    def post(self, request):
        return HttpResponseRedirect(self.url_with_querystring(reverse("products")))  # safe: the query follows "?"

    def get(self, request):
        return HttpResponseRedirect("?".join([request.GET["back"], "saved=1"]))  # want "request.GET\\[.back.\\]"


def same_page(request):
    return HttpResponseRedirect(request.path)  # safe: a view's path matched its URL pattern


def after_profile(request):
    nxt = request.GET.get("next", "/")
    if relative_only(nxt):
        return redirect(nxt)  # want "request.GET.get\\(.next., ./.\\)"
    return redirect("/")


def after_settings(request):
    nxt = request.GET.get("next", "/")
    if is_foreign(nxt):
        return redirect("/")
    return redirect(nxt)  # safe: is_foreign returned False, so the host check passed


def after_password(request):
    nxt = request.GET.get("next", "/")
    if is_odd(nxt):
        return redirect("/")
    return redirect(nxt)  # want "request.GET.get\\(.next., ./.\\)"


def finish_social_login(request):
    form = PickForm(request.POST)
    form.is_valid()
    picked = form.cleaned_data["order"]
    # an object the engine cannot type: Django's get_redirect_url and
    # get_success_url implementations check the host themselves
    return HttpResponseRedirect(picked.get_redirect_url(request))  # safe


def get_adapter():
    return None


def after_connect(request):
    nxt = request.POST.get("next")
    if nxt and not get_adapter().is_safe_url(nxt):
        nxt = None
    return HttpResponseRedirect(nxt or "/")  # safe: the adapter's is_safe_url checked it


def basket_redirect(request):
    target = add_tracking(reverse("basket"), list(request.GET.items()))
    target = add_code_message(target, request.GET.get("code"))
    return HttpResponseRedirect(target)  # safe: request data only in the query of a reversed URL


def tracked_next(request):
    target = add_tracking(request.GET.get("next", "/"), list(request.GET.items()))
    return HttpResponseRedirect(target)  # want "request.GET.get\\(.next., ./.\\)"


def go_to_shop(request):
    form = ShopPickForm(request.POST)
    form.is_valid()
    # a row the form looked up: its page is the code's, whatever the client sent
    return HttpResponseRedirect(form.cleaned_data["shop"].page_url() + "?done=1")  # safe


def go_to_landing(request):
    form = ShopPickForm(request.POST)
    form.is_valid()
    return HttpResponseRedirect(form.cleaned_data["landing"] + "?done=1")  # want "form.cleaned_data\\[.landing.\\]"
