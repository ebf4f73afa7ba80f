from django.http import JsonResponse

from .models import Ballot

from .security import ballot_admin, ballot_greeter, ballot_open, counter_check, notice_on_missing_permission, permission_required_notice


@ballot_admin(closed=False)
def rename_ballot(request, ballot):  # safe: the decorator refuses unless the session's voter administers the ballot
    ballot.title = request.POST["title"]
    ballot.save()
    return JsonResponse({"ok": True})


@counter_check
def upload_key(request, counter):  # safe: the decorator refuses unless the session holds this counter
    counter.public_key = request.POST["key"]
    counter.save()
    return JsonResponse({"ok": True})


@ballot_open
def retitle_open_ballot(request, ballot):  # want "view retitle_open_ballot changes data"
    ballot.title = request.POST["title"]
    ballot.save()
    return JsonResponse({"ok": True})


@ballot_greeter
def close_ballot(request, ballot):  # want "view close_ballot changes data"
    ballot.closed = True
    ballot.save()
    return JsonResponse({"ok": True})


@permission_required_notice("ballots.change_ballot")
def reopen_ballot(request, ballot_uuid):  # safe: the decorator runs the view only for users with the permission
    Ballot.objects.filter(uuid=ballot_uuid).update(closed=False)
    return JsonResponse({"ok": True})


@notice_on_missing_permission("ballots.change_ballot")
def archive_ballot(request, ballot_uuid):  # want "view archive_ballot changes data"
    Ballot.objects.filter(uuid=ballot_uuid).update(archived=True)
    return JsonResponse({"ok": True})
