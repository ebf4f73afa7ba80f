from functools import wraps

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect


def base_check(request, login_redirect=False):
    if request is None or request.user is None or request.user.is_anonymous or not request.user.is_active:
        if login_redirect is True:
            return redirect("/login/")
        return False
    return True


def base_check_required(func):
    @wraps(func)
    def wrapper(request, *args, **kwargs):
        check = base_check(request, login_redirect=True)
        if check is True:
            return func(request, *args, **kwargs)
        else:
            return check

    return wrapper


def deny_access(request):
    raise PermissionDenied()


def is_manager(func):
    @base_check_required
    def manager_wrapper(request, *args, **kwargs):
        if request.user:
            if request.user.is_staff or request.user in request.site.managers.all():
                return func(request, *args, **kwargs)
        deny_access(request)

    return manager_wrapper


def is_manager_no_denial(func):
    @base_check_required
    def manager_wrapper(request, *args, **kwargs):
        if request.user:
            if request.user.is_staff:
                return func(request, *args, **kwargs)
        return func(request, *args, **kwargs)

    return manager_wrapper
