

GROUP_PERMISSION_SETTINGS = {"can_post_group": "post", "can_manage_group": "manage"}


def group_setting(permission_setting):
    assert permission_setting in GROUP_PERMISSION_SETTINGS  # safe: the code's own constant, not a check of anyone
    return GROUP_PERMISSION_SETTINGS[permission_setting]


def initial_state(user):
    state = {"is_owner": False}
    assert state["is_owner"] is False  # safe: a dict the function just built
    return state


class BillingSession:
    def __init__(self, user, support_session=False):
        if support_session:
            assert user.is_staff  # want "takes no request, so the views that call it decide access"
        self.user = user


def is_superuser(request):
    return request.user.is_superuser


def settings_view(request):
    assert is_superuser(request), "Must be a superuser"  # want "access check \"is_superuser\\(request\\)\" is an assert"
    return JsonResponse({})


def accept_terms(request):
    assert request.user.tos_version == 0 or request.user.tos_version is None  # safe: reads a field of the user, decides no access
    return JsonResponse({})


def config_view(request):
    assert getattr(request.user, "is_superuser", False), "superusers only"  # want "access check \"getattr\\(request.user, \\\\\"is_superuser\\\\\", False\\)\" is an assert"
    return JsonResponse({})


def export_view(request):
    assert request.user.is_staff and request.session.modified  # want "access check \"request.user.is_staff and request.session.modified"
    return JsonResponse({})


def cache_view(request):
    assert request.session.modified is not None and request.method  # safe: reads the session and method, no access
    return JsonResponse({})
