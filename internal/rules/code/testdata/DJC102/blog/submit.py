import json
from datetime import datetime

from django.http import HttpResponse, HttpResponseBadRequest
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django.views.generic import View
from rest_framework.authentication import SessionAuthentication
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.views import APIView


@require_POST
def rename(request):
    # CsrfViewMiddleware refuses a POST that another site sends, so only
    # the user can put markup here, into their own page (low)
    name = request.POST.get("name", "")
    return HttpResponseBadRequest("<p>No list named " + name + "</p>")  # want "request.POST.get.*keeps other sites from sending"


@csrf_exempt
def hook_echo(request):
    # no CSRF check: another site's form posts the markup (high)
    name = request.POST.get("name", "")
    return HttpResponse("<p>" + name + "</p>")  # want "request data \\(request.POST.get\\(.name., ..\\)\\) reaches HttpResponse without HTML escaping$"


def search_echo(request):
    # a query string is anyone's: a link sends it (high)
    q = request.GET.get("q", "")
    return HttpResponse("<p>" + q + "</p>")  # want "request data \\(request.GET.get\\(.q., ..\\)\\) reaches HttpResponse without HTML escaping$"


class CheckoutApi(APIView):
    # DRF checks CSRF for session logins, and the view requires one (low)
    authentication_classes = [SessionAuthentication]
    permission_classes = [IsAuthenticated]

    def post(self, request):
        processor = request.data.get("processor", "")
        return HttpResponseBadRequest("<p>Unknown processor " + processor + "</p>")  # want "keeps other sites from sending"


class PreviewApi(APIView):
    # anyone may post here, and DRF checks CSRF only for logged-in users:
    # another site posts the markup as an anonymous visitor (high)
    authentication_classes = [SessionAuthentication]
    permission_classes = [AllowAny]

    def post(self, request):
        text = request.data.get("text", "")
        return HttpResponse("<div>" + text + "</div>")  # want "request data \\(request.data.get\\(.text., ..\\)\\) reaches HttpResponse without HTML escaping$"


@csrf_exempt
def payment_notify(request):
    # a partner's webhook: it refuses anything but JSON, which no form of
    # another site sends, and no CORS lets their fetch send it (low)
    if request.content_type != "application/json":
        return HttpResponseBadRequest("Invalid content type")
    data = json.loads(request.body)
    return HttpResponseBadRequest("Wrong event: " + data.get("event", ""))  # want "refuses unless it is JSON"


@csrf_exempt
def payment_notify_late(request):
    # the body is read before the check: a form's body reaches the page (high)
    data = json.loads(request.body or b"{}")
    if request.content_type != "application/json":
        return HttpResponseBadRequest("Invalid content type " + data.get("event", ""))  # want "reaches HttpResponseBadRequest without HTML escaping$"
    return HttpResponse("ok")


def page_echo(request):
    # int() quotes what it could not read in its error: the markup comes back (high)
    try:
        page = int(request.GET.get("page", "1"))
    except ValueError as err:
        return HttpResponseBadRequest("Bad page: {}".format(err))  # want "reaches HttpResponseBadRequest without HTML escaping$"
    return HttpResponse("page %d" % page)


def page_quiet(request):
    try:
        page = int(request.GET.get("page", "1"))
    except ValueError:
        return HttpResponseBadRequest("Bad page")  # safe: the error says nothing of the input
    return HttpResponse("page %d" % page)


def body_error(request):
    try:
        data = json.loads(request.GET.get("q", "{}"))
    except ValueError as err:
        return HttpResponseBadRequest(str(err))  # safe: json's errors give a position, not the text
    return HttpResponse("ok" if data else "")


class SinceView(View):
    def get(self, request):
        since = request.GET.get("since")
        try:
            self.check_since(since)
        except ValueError as err:
            return HttpResponseBadRequest("Error in since: {}".format(str(err)))  # want "reaches HttpResponseBadRequest without HTML escaping$"
        return HttpResponse("ok")

    def check_since(self, since):
        if since:
            self.since = datetime.strptime(since, "%Y-%m-%d")
