from urllib.parse import urlparse
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
