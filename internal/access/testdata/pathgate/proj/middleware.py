import json

from django.http import HttpResponse
from django.utils.deprecation import MiddlewareMixin


def json_error(code):
    # an error the front end reads from the body: the status stays 200
    return HttpResponse(json.dumps({"error": code}), content_type="application/json")


class StaffAreaMiddleware(MiddlewareMixin):
    def process_request(self, request):
        path = request.path_info
        if path.startswith("/console/") or path.startswith("/api/console/"):
            if not (request.user.is_authenticated and request.user.is_manager()):
                return json_error("login-required")
