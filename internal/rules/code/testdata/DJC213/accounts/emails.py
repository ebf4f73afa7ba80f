from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404

from .models import Member


def mark_primary(request, pk):  # safe: request.user.member is no attribute of an anonymous visitor, whose request stops there
    other = get_object_or_404(Member, pk=pk)
    is_owner = request.user.member.pk == other.pk
    if is_owner or request.user.has_perm("accounts.change_member"):
        other.primary = True
        other.save()
    return HttpResponse("ok")


def mark_secondary(request, pk):  # want "view mark_secondary changes data \\(database write: other.save"
    # looks alike: getattr gives an anonymous visitor None, and the write runs
    other = get_object_or_404(Member, pk=pk)
    member = getattr(request.user, "member", None)
    other.primary = member is None
    other.save()
    return HttpResponse("ok")


def mark_seen(request, pk):  # want "view mark_seen changes data \\(database write: other.save"
    # looks alike: is_authenticated is an attribute anonymous visitors have
    other = get_object_or_404(Member, pk=pk)
    seen = request.user.is_authenticated
    other.seen = seen
    other.save()
    return HttpResponse("ok")


def assign_member(request, pk):  # safe: the write is in the else of a refused permission
    other = get_object_or_404(Member, pk=pk)
    if not request.user.has_perm("accounts.change_member"):
        messages.error(request, "You may not assign members.")
    else:
        other.primary = True
        other.save()
    return HttpResponse("ok")


def unassign_member(request, pk):  # want "view unassign_member changes data \\(database write: other.save"
    # looks alike: the write is in the branch the refused check takes
    other = get_object_or_404(Member, pk=pk)
    if not request.user.has_perm("accounts.change_member"):
        other.primary = False
        other.save()
    return HttpResponse("ok")
