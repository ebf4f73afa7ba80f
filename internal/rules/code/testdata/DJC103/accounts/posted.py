from django.conf import settings
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST


@require_POST
def import_done(request):
    # CsrfViewMiddleware refuses a POST another site sends: only a form the
    # user submits on the site picks the target (low)
    return redirect(request.POST.get("done_url", "/"))  # want "reaches redirect without a host check; the target is read from the request body, which the CSRF check"


def sign_in(request):
    # the login form's hidden "next" is filled in from the link's query
    # string: the victim submits the attacker's target themselves (medium)
    if request.method == "POST":
        return redirect(request.POST.get("next", "/"))  # want "reaches redirect without a host check$"
    return render(request, "sign_in.html", {})


def pick_language(request):
    # the form's back_to is copied from the query string below (medium)
    if request.method == "POST":
        return redirect(request.POST["back_to"])  # want "reaches redirect without a host check$"
    return render(request, "pick_language.html", {"back_to": request.GET.get("back_to", "/")})


@require_POST
def confirm_email(request):
    # templates/confirm.html fills the field in from request.GET (medium)
    return redirect(request.POST["after"])  # want "reaches redirect without a host check$"


@csrf_exempt
def hook_done(request):
    # no CSRF check: another site's form posts the target (medium)
    return HttpResponseRedirect(request.POST["next"])  # want "reaches HttpResponseRedirect without a host check$"


def shipment_done(request):
    # a query string is anyone's: a link sends it (medium)
    return redirect(request.GET.get("next", "/"))  # want "reaches redirect without a host check$"


@require_POST
def manage_collection(request):
    # the field's name is read from a long call (low)
    collection_url = request.POST.get(
        "collection-url",
        "/collections/",
    )
    return HttpResponseRedirect(collection_url)  # want "keeps other sites from sending"


def back_to_orders(request):
    target = request.GET.get("back", "")
    if target.startswith(("/orders/", "/account/orders/")):
        return redirect(target)  # safe: a path of the site, whatever follows
    if target.startswith("https://pay.example.com/"):
        return HttpResponseRedirect(target)  # safe: the host is the literal's
    if target.startswith("/"):
        return redirect(target)  # want "reaches redirect without a host check$"
    return redirect("/")


def login_sample_user(request, username):
    """Logs a developer in as a sample user."""
    if not (settings.DEBUG and not settings.HIDE_DEBUG_UI):
        raise Http404("only in development")
    return HttpResponseRedirect(request.GET.get("next", "/"))  # want "reaches HttpResponseRedirect without a host check; login_sample_user turns every request away unless the site runs for development"


def preview_mail(request):
    if settings.DEBUG:
        pass
    return HttpResponseRedirect(request.GET.get("next", "/"))  # want "reaches HttpResponseRedirect without a host check$"


def editor_login(request):
    target = request.GET["r"] if request.GET.get("r", "").startswith("/editor/") else "/editor/"
    return redirect(target)  # safe: the value read is the one checked to start with /editor/


def editor_logout(request):
    target = request.GET["r"] if request.GET.get("next", "").startswith("/editor/") else "/"
    return redirect(target)  # want "reaches redirect without a host check$"
