from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect


def send_to_login(request):
    return redirect("backoffice:login")


def refuse(request):
    raise PermissionDenied("staff only")


def note_visit(request):
    request.session["seen_backoffice"] = True
    return None


def staff_only(view):
    # The denial is a helper's: send_to_login turns the visitor away.
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return send_to_login(request)
        return view(request, *args, **kwargs)

    return wrapped


def editors_only(view):
    def wrapped(request, *args, **kwargs):
        if not request.user.has_perm("backoffice.edit"):
            return refuse(request)
        return view(request, *args, **kwargs)

    return wrapped


def tracked(view):
    # Looks like a check, but the helper lets everyone through.
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return note_visit(request) or view(request, *args, **kwargs)
        return view(request, *args, **kwargs)

    return wrapped
