import hashlib
import hmac
from functools import wraps

from django.conf import settings
from django.http import HttpResponse, JsonResponse


def require_signature(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        sent = request.headers.get("X-Signature", "")
        want = hmac.new(settings.HOOK_KEY.encode(), request.body, hashlib.sha256).hexdigest()
        if not hmac.compare_digest(sent, want):
            return HttpResponse(status=403)
        return view(request, *args, **kwargs)

    return wrapper


def log_calls(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        print(request.path)
        return view(request, *args, **kwargs)

    return wrapper


def node_token_required(view):
    # a key the relay nodes send in the query string; a wrong one gets an
    # error message with status 200, and the view never runs
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        token = request.GET.get("token", "")
        if token != settings.NODE_TOKEN:
            return JsonResponse({"msg": "auth error"})
        return view(request, *args, **kwargs)

    return wrapper


def token_noted(view):
    # reads the token only to log it: everyone gets the view
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        token = request.GET.get("token", "")
        if token != settings.NODE_TOKEN:
            print("unknown node")
        return view(request, *args, **kwargs)

    return wrapper
