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
