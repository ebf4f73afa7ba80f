import hashlib
import hmac
from functools import wraps

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse


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


def can_edit_order(send_to_page=False):
    # a factory that may also be used bare; a user who may not edit is
    # sent to the order's page or refused, as the caller chose
    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if order_editable(request.user, pk=kwargs["pk"]):
                return view(request, *args, **kwargs)
            else:
                if send_to_page:
                    return HttpResponseRedirect("/shop/orders/%s/" % kwargs["pk"])
                else:
                    raise PermissionDenied

        return wrapper

    if callable(send_to_page):
        return decorator(send_to_page)
    return decorator


def note_editors(send_to_page=False):
    # the same shape, but the else branch only logs on one path and the
    # view runs after it
    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if order_editable(request.user, pk=kwargs["pk"]):
                return view(request, *args, **kwargs)
            else:
                if send_to_page:
                    return HttpResponseRedirect("/shop/orders/%s/" % kwargs["pk"])
                else:
                    print("not an editor")
            return view(request, *args, **kwargs)

        return wrapper

    if callable(send_to_page):
        return decorator(send_to_page)
    return decorator


def order_editable(user, pk):
    # asks the permission backend the settings name, which djsec cannot read
    return permission_backend().can_edit(user, pk)


def permission_backend():
    from django.utils.module_loading import import_string

    return import_string(settings.ORDER_PERMISSIONS)()
