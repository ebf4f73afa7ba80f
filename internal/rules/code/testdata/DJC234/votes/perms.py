from django.core.exceptions import PermissionDenied


def permission_required(*perms):
    def wrap(view):
        def inner(request, *args, **kwargs):
            if not request.user.has_perms(perms):
                raise PermissionDenied
            return view(request, *args, **kwargs)
        return inner
    return wrap
