import base64
import json
import marshal
import pickle
import shelve

import yaml
from django.core import signing
from django.http import JsonResponse


def restore(request):
    raw = base64.b64decode(request.COOKIES.get("cart", ""))
    if request.GET.get("signed"):
        cart = signing.loads(request.COOKIES.get("cart", ""))  # safe: signed JSON
        return JsonResponse(cart)
    cart = pickle.loads(raw)  # want "request data \\(request.COOKIES.get\\(.cart., ..\\)\\) is deserialized by pickle.loads"
    prefs = json.loads(raw)  # safe: json
    code = marshal.loads(raw)  # want "marshal.loads"
    return JsonResponse({"cart": cart, "prefs": prefs})


def upload_config(request):
    text = request.FILES["config"].read()
    safe = yaml.load(text, Loader=yaml.SafeLoader)  # safe: SafeLoader
    also_safe = yaml.safe_load(text)  # safe: safe_load
    config = yaml.load(text, Loader=yaml.Loader)  # want "yaml.load"
    legacy = yaml.unsafe_load(text)  # want "yaml.unsafe_load"
    with shelve.open("/srv/prefs/" + request.POST["profile"]) as db:  # want "shelve.open"
        db["config"] = config
    with shelve.open("/srv/prefs/default") as db:  # safe: constant file
        db["legacy"] = legacy
    return JsonResponse({"config": config, "safe": safe, "also": also_safe})
