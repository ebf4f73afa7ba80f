from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied


def moderator_required(view_func):
    @wraps(view_func)
    def wrapper(request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not user.profile.is_moderator:
            raise PermissionDenied
        return view_func(request, *args, **kwargs)

    return wrapper


def member_required(view_func):
    @wraps(view_func)
    def wrapper(request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not user.profile.is_verified:
            messages.warning(request, "Please verify your e-mail address.")
        return view_func(request, *args, **kwargs)

    return wrapper


def passes_test(test_func):
    def decorate(view_func):
        @wraps(view_func)
        def inner(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            elif test_func(request.user):
                return view_func(request, *args, **kwargs)
            else:
                raise PermissionDenied("Restricted")

        return inner

    return decorate


def clerk_required(view_func):
    return passes_test(lambda u: u.groups.filter(name="clerk").exists())(view_func)


def object_check(model=None, filter_field=None, owner_field=None):
    """Logs the user in first; with filter_field and owner_field, lets
    through only the owner of the object the URL's filter_field finds."""

    def decorate(view_func):
        @wraps(view_func)
        def inner(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if filter_field and owner_field:
                obj = model.objects.get(**{filter_field: kwargs[filter_field]})
                if getattr(obj, owner_field) != request.user:
                    raise PermissionDenied
            return view_func(request, *args, **kwargs)

        return inner

    return decorate
