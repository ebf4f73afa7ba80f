import logging

from django.utils.deprecation import MiddlewareMixin

log = logging.getLogger(__name__)


class StaffAreaMiddleware(MiddlewareMixin):
    def process_request(self, request):
        path = request.path_info
        if path.startswith("/console/") or path.startswith("/api/console/"):
            if not (request.user.is_authenticated and request.user.is_manager()):
                # looks alike: it notes the visit and lets it go on
                log.info("anonymous visit to %s", path)
                return None
