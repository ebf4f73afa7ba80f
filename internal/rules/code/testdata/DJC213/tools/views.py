from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect

from .checks import listed_for, member_or_admin
from .models import Revision, Tool


def hide_revision(req, name, pk):  # safe: the write runs only when member_or_admin, which refuses anonymous visitors first, says yes
    tool = get_object_or_404(Tool, name=name)
    revision = get_object_or_404(Revision, pk=pk, tool=tool)
    can_hide = member_or_admin(tool, req.user)
    if req.method == "POST" and can_hide:
        revision.hidden = True
        revision.save()
    return redirect("/")


def pin_revision(req, name, pk):  # want "changes data .* and anyone can reach it"
    tool = get_object_or_404(Tool, name=name)
    revision = get_object_or_404(Revision, pk=pk, tool=tool)
    can_pin = listed_for(tool, req.user)
    if can_pin:
        revision.pinned = True
        revision.save()
    return redirect("/")


class JsonResponseForbidden(JsonResponse):
    status_code = 403


def drop_revision(req, name, pk):  # safe: a requester the check turns away gets the project's JSON 403
    revision = get_object_or_404(Revision, pk=pk, tool__name=name)
    if not req.user.has_perm("tools.delete_revision"):
        return JsonResponseForbidden({"message": "not allowed"})
    revision.delete()
    return JsonResponse({"ok": True})


def flag_revision(req, name, pk):  # want "changes data .* and anyone can reach it"
    revision = get_object_or_404(Revision, pk=pk, tool__name=name)
    if revision.hidden:
        return JsonResponseNotFound({"message": "gone"})
    revision.pinned = False
    revision.save()
    return JsonResponse({"ok": True})


class JsonResponseNotFound(JsonResponse):
    status_code = 404
