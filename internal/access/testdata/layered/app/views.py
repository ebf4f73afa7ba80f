from django.http import HttpResponse

from .auth import members_only, require_admin_access


@require_admin_access
def panel(request):
    return HttpResponse("ok")


@members_only
def lounge(request):
    return HttpResponse("ok")
