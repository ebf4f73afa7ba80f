from django.core.exceptions import PermissionDenied


def check_importer(request, owner):
    # the requester must be the owner, when there is a request to ask
    if request and request.user.username != owner:
        raise PermissionDenied


def save_rows(rows, owner, request=None):
    check_importer(request, owner)
    return len(rows or "")
