from functools import wraps

from django.http import JsonResponse

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
