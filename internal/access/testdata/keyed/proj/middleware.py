from django.conf import settings
from django.http import HttpResponseForbidden

from .models import Token


class ApiKeyCheck:
    """Logs in the owner of an API key when a request sends one; a request
    without a key goes on as it came, to the views' own checks."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = request.META.get(settings.API_KEY_HEADER)
        if not key:
            return self.get_response(request)
        token = Token.objects.filter(key=key).first()
        if token is None:
            return HttpResponseForbidden("unknown API key")
        request.user = token.user
        return self.get_response(request)
