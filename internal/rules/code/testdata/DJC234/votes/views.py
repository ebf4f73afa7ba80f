from django.contrib.auth.decorators import permission_required
from django.http import JsonResponse

from .perms import permission_required as own_permission_required

PERMS = ("votes.change_session", "votes.change_agenda")


@permission_required("votes.change_session",  # want "permission_required takes \"votes.change_agenda\" as its login URL, not as a permission: only votes.change_session is checked"
                     "votes.change_agenda")
def open_vote(request, pk):
    return JsonResponse({"ok": True})


@permission_required(("votes.change_session", "votes.change_agenda"))  # safe: both in one tuple
def close_vote(request, pk):
    return JsonResponse({"ok": True})


@permission_required(PERMS, "/accounts/login/")  # safe: a login URL
def reopen_vote(request, pk):
    return JsonResponse({"ok": True})


@permission_required("votes.change_session", "accounts:login")  # safe: a URL name
def tally(request, pk):
    return JsonResponse({"ok": True})


@permission_required("votes.view_session", login_url="votes.change_agenda")  # safe: given by keyword, on purpose
def results(request, pk):
    return JsonResponse({"ok": True})


@own_permission_required("votes.change_session", "votes.change_agenda")  # safe: the project's own decorator, whose second argument is its own
def recount(request, pk):
    return JsonResponse({"ok": True})


@permission_required(PERMS, "votes.audit_session")  # want "only PERMS is checked, and users without it are sent to a page of that name; add it to the permissions given first"
def audit(request, pk):
    return JsonResponse({"ok": True})
