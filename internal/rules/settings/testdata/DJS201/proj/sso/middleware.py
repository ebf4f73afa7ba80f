from django.contrib.auth.middleware import AuthenticationMiddleware
from django.contrib.auth.models import User
from django.http import HttpResponse


class HeaderLoginMiddleware(AuthenticationMiddleware):
    """Logs in the user the single sign-on proxy names in a header."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        email = request.META.get("HTTP_X_SSO_EMAIL")
        if email is None:
            return HttpResponse("Please log in through single sign-on", status=401)
        request.user, _ = User.objects.get_or_create(username=email, defaults={"email": email})
        return self.get_response(request)


class HeaderAuditMiddleware:
    """Records the header; sets no user."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.sso_email = request.META.get("HTTP_X_SSO_EMAIL")
        return self.get_response(request)


class IdentityHeaderMiddleware:
    """Tells who the caller is from the identity header the API gateway
    signs; no cookie is read."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        self.process_request(request)
        return self.get_response(request)

    def process_request(self, request):
        identity = request.META.get("HTTP_X_IDENTITY", "")
        request.user = User.objects.filter(username=identity).first()
