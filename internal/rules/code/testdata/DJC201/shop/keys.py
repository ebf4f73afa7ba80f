from functools import wraps

from django.contrib.auth import login
from django.http import HttpResponse

from .models import ApiKey


def require_api_key(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        key = ApiKey.objects.filter(value=request.POST.get("apikey", "")).first()
        if key is None:
            return HttpResponse("Invalid apikey", status=403)
        login(request, key.user)
        return view(request, *args, **kwargs)

    return wrapper


def remember_source(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        source = request.POST.get("source", "")
        if not source:
            return HttpResponse("Missing source", status=403)
        return view(request, *args, **kwargs)

    return wrapper
