import time

from django.conf import settings
from django.http import JsonResponse
from django.utils.deprecation import MiddlewareMixin

from .models import Member


class TokenAuth(MiddlewareMixin):
    """Every request but the sign-in's carries a live token, or gets a 401."""

    def process_request(self, request):
        if request.path in settings.PUBLIC_PATHS:
            return None
        token = request.headers.get("x-token") or request.GET.get("x-token")
        if token and len(token) == 40:
            member = Member.objects.filter(token=token).first()
            if member and member.expires >= time.time():
                request.user = member
                member.expires = time.time() + 3600
                member.save()
                return None
        response = JsonResponse({"error": "sign in again"})
        response.status_code = 401
        return response
