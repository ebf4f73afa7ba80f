from django.conf import settings
from django.contrib.auth import logout as auth_logout
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template import engines
from django.utils.http import url_has_allowed_host_and_scheme

PAGE = """<!doctype html><html><head><title>Shop</title></head><body>
<h1>Welcome to the shop</h1>
<form method="post" action="/">{% csrf_token %}<input name="q"><button>Go</button></form>
</body></html>"""


def home(request):
    # Touch the session so that sessionid is set on the first visit.
    request.session["visits"] = request.session.get("visits", 0) + 1
    return HttpResponse(engines["django"].from_string(PAGE).render({}, request))


def logout(request):
    auth_logout(request)
    nxt = request.GET.get("next", "/")
    if settings.HARDENED and not url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.get_host()}, require_https=True):
        nxt = "/"
    return redirect(nxt)


if settings.HAVE_DRF:
    from rest_framework.decorators import api_view
    from rest_framework.response import Response

    @api_view(["GET"])
    def api_root(request):
        return Response({"products": "/api/products/"})


class ReflectCORS:
    """The insecure variant's hand-rolled CORS: echoes any Origin, null
    included, with credentials (what a misconfigured django-cors-headers
    does with CORS_ALLOW_ALL_ORIGINS and CORS_ALLOW_CREDENTIALS)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        origin = request.headers.get("Origin")
        if origin:
            response["Access-Control-Allow-Origin"] = origin
            response["Access-Control-Allow-Credentials"] = "true"
        return response
