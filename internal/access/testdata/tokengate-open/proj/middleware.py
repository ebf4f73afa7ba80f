import time

from django.conf import settings
from django.http import JsonResponse
from django.utils.deprecation import MiddlewareMixin

from .models import Member


class TokenAuth(MiddlewareMixin):
    """A request without a token goes on anonymous; a bad token gets a 401."""

    def process_request(self, request):
        if request.path in settings.PUBLIC_PATHS:
            return None
        token = request.headers.get("x-token")
        if not token:
            return None
        member = Member.objects.filter(token=token).first()
        if member and member.expires >= time.time():
            request.user = member
            return None
        response = JsonResponse({"error": "sign in again"})
        response.status_code = 401
        return response
