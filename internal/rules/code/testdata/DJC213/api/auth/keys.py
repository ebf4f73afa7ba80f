from functools import wraps

from django.http import HttpResponse, JsonResponse

from api.models import ApiKey


def require_api_key(view):
    """Lets a request through only with a valid X-Api-Key header."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        key = request.headers.get("X-Api-Key", "")
        request.owner = ApiKey.objects.owner_of(key)
        if request.owner is None:
            return JsonResponse({"error": "wrong api key"}, status=401)
        return view(request, *args, **kwargs)

    return wrapper


def track_usage(view):
    """Counts requests; it looks at the user but turns no one away."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.user.is_authenticated:
            request.kind = "member"
        else:
            request.kind = "guest"
        return view(request, *args, **kwargs)

    return wrapper


def basic_key_required(view):
    """Lets clients in by HTTP Basic with a group's key; asks the others to authenticate."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if "HTTP_AUTHORIZATION" in request.META:
            kind, _, encoded = request.META["HTTP_AUTHORIZATION"].partition(" ")
            if kind.lower() == "basic" and ApiKey.objects.filter(key=encoded).exists():
                return view(request, *args, **kwargs)
        response = HttpResponse()
        response.status_code = 401
        response["WWW-Authenticate"] = 'Basic realm="notes"'
        return response

    return wrapper


def basic_key_noted(view):
    """Notes whether a key came, and lets every request through."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if "HTTP_AUTHORIZATION" in request.META:
            request.keyed = True
        response = view(request, *args, **kwargs)
        response.status_code = 200
        return response

    return wrapper
