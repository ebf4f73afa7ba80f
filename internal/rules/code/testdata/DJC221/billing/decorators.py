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


def invoice_permission_required(model):
    """Refuses the request unless the invoice the URL names is the
    requester's, before the view runs."""

    def decorate(view_func):
        @wraps(view_func)
        def inner(request, invoice_id=None, *args, **kwargs):
            allowed = check_invoice_access(request, model, invoice_id)
            if invoice_id:
                return view_func(request, invoice_id, *args, **kwargs)
            return view_func(request, allowed, *args, **kwargs)

        return inner

    return decorate


def check_invoice_access(request, model, invoice_id):
    mine = model.objects.filter(customer=request.user)
    if invoice_id and not mine.filter(pk=invoice_id).exists():
        raise PermissionDenied
    return mine


def invoice_access_logged(model):
    """Only records which invoice was asked for."""

    def decorate(view_func):
        @wraps(view_func)
        def inner(request, invoice_id=None, *args, **kwargs):
            noted = note_invoice_access(request, model, invoice_id)
            if invoice_id:
                return view_func(request, invoice_id, *args, **kwargs)
            return view_func(request, noted, *args, **kwargs)

        return inner

    return decorate


def note_invoice_access(request, model, invoice_id):
    messages.info(request, "invoice %s opened" % invoice_id)
    return model.objects.filter(customer=request.user)
