from django.shortcuts import redirect
from django.urls import reverse


class MembersOnly:
    """Looks alike: sends visitors back to the login page after logging
    them out, and lets everyone else through."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 418:
            return redirect(reverse("common:login"))
        else:
            return response
