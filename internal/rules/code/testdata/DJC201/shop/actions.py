# Views a GraphQL engine calls with a secret it shares with the site,
# sent in a header: a browser sent by another site cannot add it.
import json

from django.conf import settings
from django.http import JsonResponse
from django.views import View

from .models import CartItem


def verify_action_request(headers):
    secret = headers.get("Action-Secret")
    return secret is not None and secret == settings.ACTION_SECRET


def describe_request(headers):
    return headers.get("User-Agent", "")


class ActionView(View):
    http_method_names = ["post"]

    def dispatch(self, request, *args, **kwargs):
        if verify_action_request(request.headers):
            self.input = json.loads(request.body).get("input", {})
            return super().dispatch(request, *args, **kwargs)
        return JsonResponse({"message": "Unauthorized"}, status=403)


class AddItemAction(ActionView):  # safe: the engine's shared secret, checked in a helper the headers are handed to
    def post(self, request):
        CartItem.objects.create(product_id=int(self.input["product"]))
        return JsonResponse({"ok": True})


class LoggedView(View):
    def dispatch(self, request, *args, **kwargs):
        if not describe_request(request.headers):
            return JsonResponse({"message": "no agent"}, status=400)
        return super().dispatch(request, *args, **kwargs)


class AddItemLogged(LoggedView):  # want "exempt from CSRF.*CartItem.objects.create"
    # the helper reads a header that proves nothing
    def post(self, request):
        CartItem.objects.create(product_id=int(request.POST["product"]))
        return JsonResponse({"ok": True})
