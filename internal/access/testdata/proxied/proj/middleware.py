from django.conf import settings
from django.contrib.auth.middleware import AuthenticationMiddleware
from django.contrib.auth.models import User
from django.http import HttpResponse


class ProxyLogin(AuthenticationMiddleware):
    """Logs in whoever the proxy vouches for; nobody else gets in."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        email = request.META.get(settings.PROXY_EMAIL_HEADER)
        if email is None:
            return HttpResponse("Sign in through the proxy", status=401)
        request.user, _ = User.objects.get_or_create(username=email)
        return self.get_response(request)
