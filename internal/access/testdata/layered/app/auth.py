from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect


def reject_request(request):
    if request.headers.get("x-requested-with") == "XMLHttpRequest":
        raise PermissionDenied
    return redirect("/login/")


def require_admin_access(view_func):
    def decorated_view(request, *args, **kwargs):
        user = request.user

        if user.is_anonymous:
            return reject_request(request)

        if user.has_perms(["app.access_admin"]):
            try:
                return view_func(request, *args, **kwargs)
            except PermissionDenied:
                raise

        return reject_request(request)

    return decorated_view


def members_only(view_func):
    # a login check alone: what follows asks nothing more
    def decorated_view(request, *args, **kwargs):
        if request.user.is_anonymous:
            return reject_request(request)
        return view_func(request, *args, **kwargs)

    return decorated_view
