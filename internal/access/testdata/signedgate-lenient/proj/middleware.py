from functools import wraps
from hashlib import sha256

from django.conf import settings
from django.http import HttpResponseBadRequest
from django.utils.crypto import constant_time_compare
from django.utils.deprecation import MiddlewareMixin


def signature_exempt(view_func):
    """Lets a view through unsigned."""

    @wraps(view_func)
    def wrapped(*args, **kwargs):
        return view_func(*args, **kwargs)

    wrapped.signature_exempt = True
    return wrapped


class SignatureRequired(MiddlewareMixin):
    """Refuses requests with a wrong signature; those without one go on."""

    def process_view(self, request, view_func, view_args, view_kwargs):
        if getattr(view_func, "signature_exempt", False):
            return None
        if not self._signed(request):
            if settings.DEBUG and settings.SKIP_SIGNATURES:
                pass
            else:
                return HttpResponseBadRequest("unsigned")
        return None

    def _signed(self, request):
        offered = request.META.get("HTTP_X_SIGNATURE")
        if not offered:
            return True  # browsers send none: their session decides
        for name, secret in settings.CLIENT_SECRETS.items():
            expected = sha256(request.get_full_path().encode() + request.body + secret.encode()).hexdigest()
            if constant_time_compare(expected, offered):
                request.client_name = name
                return True
        return False
