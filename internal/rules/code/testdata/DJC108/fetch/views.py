from urllib.parse import urlparse, urlsplit
from urllib.request import urlopen

import requests
from django.http import HttpResponseBadRequest, JsonResponse
from django.views import View

from . import client

ALLOWED_HOSTS = {"img.example.com", "cdn.example.com"}


def link_preview(request):
    url = request.GET.get("url", "")
    if request.GET.get("checked"):
        if urlparse(url).hostname not in ALLOWED_HOSTS:
            return HttpResponseBadRequest("host not allowed")
        return JsonResponse({"body": requests.get(url, timeout=5).text})  # safe: allowlisted host
    body = urlopen(url).read()  # want "urllib.request.urlopen"
    return JsonResponse({"body": body.decode(), "partner": client.partner_lookup(request.GET["item"])})


class WebhookTest(View):
    def post(self, request):
        target = request.POST["callback"]
        data = client.get_json(target)
        client.post_event(request.POST["callback"], {"ok": True})
        return JsonResponse(data)


def avatar(request, user):
    resp = requests.get(f"https://avatars.example.com/{user}.png", timeout=5)  # safe: fixed host
    return JsonResponse({"size": len(resp.content)})


def forge_issues(request):  # the host is a constant of another module; the request only picks the query
    from .constants import FORGE_API_URL

    url = f"{FORGE_API_URL}search/issues?q=" + "+".join(request.GET.getlist("term"))
    resp = requests.get(url, timeout=5)  # safe: fixed host, imported
    return JsonResponse(resp.json())


def forge_mirror(request):
    from .constants import FORGE_HOST

    # looks alike, but a bare host name lets the request's text become part of it
    resp = requests.get(f"https://{FORGE_HOST}{request.GET.get('path', '')}", timeout=5)  # want "outgoing request URL built from request data"
    return JsonResponse(resp.json())


def source_view(request):
    url = request.GET.get("url", "")
    parsed = urlsplit(url)
    if parsed.netloc not in ALLOWED_HOSTS:
        return HttpResponseBadRequest("host not allowed")
    return JsonResponse({"body": requests.get(url, timeout=5).text})  # safe: the host of url itself is allowlisted


def mirror_view(request):
    url = request.GET.get("url", "")
    parsed = urlsplit(request.GET.get("origin", ""))
    if parsed.netloc not in ALLOWED_HOSTS:
        return HttpResponseBadRequest("host not allowed")
    return JsonResponse({"body": requests.get(url, timeout=5).text})  # want "requests.get"


def partner_event(request):
    partner = client.PartnerClient("https://api.partner.example.com/")
    return JsonResponse(partner.event(request.POST.get("id")))


def partner_page(request):
    partner = client.PartnerClient("https://api.partner.example.com/")
    return JsonResponse(partner.page(request.POST.get("path")))


from rest_framework import generics, permissions

from .serializers import HookSerializer, PictureSerializer


class PictureCreate(generics.CreateAPIView):
    serializer_class = PictureSerializer
    permission_classes = [permissions.IsAuthenticated]


class HookUpdate(generics.UpdateAPIView):
    serializer_class = HookSerializer
    permission_classes = [permissions.IsAuthenticated]


def asset_view(request):
    integration = request.user.integration
    return JsonResponse(client.asset_details(integration, request.GET["asset"]))


def asset_server_view(request):
    return JsonResponse(client.asset_from(request.GET["server"], request.GET["asset"]))


def asset_host_view(request):
    return JsonResponse(client.asset_host("https", request.GET["host"]))
