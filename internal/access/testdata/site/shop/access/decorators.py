import hashlib
import hmac
from functools import wraps

from django.conf import settings
from django.http import HttpResponse


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
