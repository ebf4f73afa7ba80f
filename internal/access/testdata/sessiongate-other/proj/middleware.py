from django.http import HttpResponseRedirect
from django.urls import reverse


class SSOMiddleware:
    """Looks alike: sends whoever has no token to a maintenance page, not to a login."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        token = request.session.get("sso_token")
        is_login_path = request.path in (reverse("users:login"), reverse("users:callback"))
        if token or is_login_path:
            return None
        request.session["return_path"] = request.path
        return HttpResponseRedirect(reverse("maintenance"))
