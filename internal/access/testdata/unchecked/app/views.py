from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.views import View

from .models import Note


class LinkNotes(View):
    # nothing reads this on a plain View: any visitor may post
    permission_required = "notes.add_link"

    def post(self, request, pk):
        Note.objects.filter(pk=pk).update(linked=True)
        return HttpResponse("ok")


class PinNote(PermissionRequiredMixin, View):
    permission_required = "notes.pin_note"

    def post(self, request, pk):
        Note.objects.filter(pk=pk).update(pinned=True)
        return HttpResponse("ok")


class PermissionFromAttribute:
    """The project's own check of the attribute."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(self.permission_required):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ArchiveNote(PermissionFromAttribute, View):
    permission_required = "notes.archive_note"

    def post(self, request, pk):
        Note.objects.filter(pk=pk).update(archived=True)
        return HttpResponse("ok")
