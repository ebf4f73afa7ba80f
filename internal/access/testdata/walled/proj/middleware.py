from django.conf import settings
from django.shortcuts import redirect

OPEN_PATHS = ("/login/", "/static/")


class MembersOnly:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(OPEN_PATHS):
            return self.get_response(request)
        if not request.user.is_authenticated:
            return redirect(settings.LOGIN_URL)
        return self.get_response(request)
