from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect

from .checks import listed_for, maintenance_on, member_or_admin, note_visit
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


def tool_index(req):  # safe: the only write is the switch's first row, with nothing of the request in it
    if maintenance_on():
        return JsonResponse({"down": True})
    return JsonResponse({"tools": list(Tool.objects.values_list("name", flat=True))})


def tool_label(req):  # want "changes data through note_visit .* and anyone can reach it"
    if note_visit(req.GET.get("label", "")):
        return JsonResponse({"down": True})
    return JsonResponse({"ok": True})
