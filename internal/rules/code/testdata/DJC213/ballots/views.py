from django.http import JsonResponse

from .security import ballot_admin, ballot_greeter, ballot_open, counter_check


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
