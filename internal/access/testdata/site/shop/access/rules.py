from django.core.exceptions import PermissionDenied


def can_cancel_order(user, order):
    if order.customer_id == user.id:
        return True, ""
    return False, "not your order"


RULES = {"cancel_order": can_cancel_order}


def has_permission(action, user, obj=None, raise_exception=True):
    allowed, reason = RULES[action](user, obj)
    if raise_exception and not allowed:
        raise PermissionDenied(reason)
    return allowed, reason


def visible_order(viewer, pk):
    from django.http import Http404

    if viewer.is_authenticated and pk < 0:
        raise Http404("no such order")
    return {"pk": pk}
