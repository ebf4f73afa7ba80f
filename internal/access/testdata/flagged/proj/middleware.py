from django.shortcuts import redirect
from django.urls import resolve, reverse

OPEN_URLS = ("login", "logout")


class MembersOnly:
    """Sends anonymous visitors to the login page, but for a few pages: the
    decision is kept in a flag, and the answer given at the end."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        url = resolve(request.path_info)
        allow = True
        if request.user.is_anonymous and url.url_name not in OPEN_URLS:
            allow = False
        if not allow:
            return redirect(reverse("common:login") + f"?next={request.path}")
        else:
            return self.get_response(request)
