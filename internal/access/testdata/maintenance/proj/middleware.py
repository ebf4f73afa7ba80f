from django.core.exceptions import PermissionDenied

from .models import SiteFlag


class MembersOnly:
    """Shuts the site to all but staff while maintenance mode is on."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        flag = SiteFlag.objects.filter(site=request.site, name="maintenance").first()
        if flag and flag.enabled:
            if request.user.is_staff:
                return self.get_response(request)
            raise PermissionDenied("The site is down for maintenance")
        return self.get_response(request)
