import logging

from django.core.exceptions import PermissionDenied

log = logging.getLogger(__name__)


def has_role(user, role):
    return user.groups.filter(name=role).exists()


def refuse(request, msg):
    """Turns the request away, with a hint to log in."""
    if not request.user.is_authenticated:
        msg += " (log in first)"
    raise PermissionDenied(msg)


def note_refusal(request, msg):
    log.warning("refused: %s", msg)


def owner_required(view):
    from functools import wraps

    from django.contrib.auth.decorators import login_required

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        return view(request, *args, **kwargs)

    return wrapper


def traced(view):
    from functools import wraps

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        log.info("view %s", view.__name__)
        return view(request, *args, **kwargs)

    return wrapper


def same_user_only(view):
    from functools import wraps

    from django.contrib.auth.views import redirect_to_login
    from django.http import HttpResponseRedirect

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        # the view runs only for the logged-in owner of the URL's account;
        # others go home, anonymous visitors to the login page
        if request.user.is_authenticated:
            if request.user.username == kwargs["username"]:
                return view(request, *args, **kwargs)
            return HttpResponseRedirect("/")
        return redirect_to_login(request.get_full_path())

    return wrapper
