from django.core.exceptions import PermissionDenied
from django.shortcuts import render

STAFF = "staff"
LOGGED = "logged"
ACCESS_ALL = "all"


class Page:
    """What every view of the app builds first: the context and the access
    level the view asks for."""

    def __init__(self, request, level=None):
        self.request = request
        self.level = level
        self.title = ""

    def is_allowed(self):
        if self.level == STAFF:
            return self.request.user.is_staff
        if self.level == LOGGED:
            return self.request.user.is_authenticated
        return True

    def check_access(self):
        if not self.is_allowed():
            return render(self.request, "missing_rights.html", status=500)

    def set_access(self, level):
        self.level = level
        return self.check_access()

    def set_title(self, title):
        self.title = title
        if not title:
            return render(self.request, "untitled.html")


class RowForm:
    def __init__(self, request, data):
        self.request = request
        self.data = data

    def is_valid(self):
        return bool(self.data)


class AppAuth:
    """The project's per-app permissions: AppAuth("jobs").permission_required("can_delete")."""

    def __init__(self, app):
        self.app = app

    def permission_required(self, perm):
        def decorator(view):
            def wrapped(request, *args, **kwargs):
                if not request.user.has_perm(f"{self.app}.{perm}"):
                    raise PermissionDenied
                return view(request, *args, **kwargs)

            return wrapped

        return decorator

    def tracked(self, name):
        def decorator(view):
            def wrapped(request, *args, **kwargs):
                request.tracked = name
                return view(request, *args, **kwargs)

            return wrapped

        return decorator
