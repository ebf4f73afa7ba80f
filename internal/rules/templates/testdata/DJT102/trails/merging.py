from django.http import HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect, render

from .forms import LogbookForm
from .models import Guide, ImportedNote, Logbook, Survey, Waypoint
from .permissions import has_perm


def merge_guides(request):
    # an editor's tool: it asks for the change permission before it sets
    # the fields the form names on the guide kept
    if not has_perm(request.user, "trails.change_guide"):
        return HttpResponseForbidden()
    keep = get_object_or_404(Guide, pk=request.POST["keep"])
    for field in request.POST.getlist("fields"):
        setattr(keep, field, request.POST.get(field, ""))
    keep.save()
    return redirect("/guides/")


def import_waypoint(request):
    # anyone: every field of a new waypoint, by the names posted
    row = Waypoint()
    for key in request.POST:
        setattr(row, key, request.POST[key])
    row.save()
    return redirect("/")


def waypoint_detail(request, pk):
    waypoint = get_object_or_404(Waypoint, pk=pk)
    return render(request, "trails/waypoint.html", {"waypoint": waypoint})


def logbook_entry(request, pk):
    logbook = get_object_or_404(Logbook, pk=pk)
    return render(request, "trails/logbook.html", {"logbook": logbook})


def sign_logbook(request):
    form = LogbookForm(request.POST)
    if form.is_valid():
        form.save().render()
    return redirect("/")


def survey_page(request, pk):
    context = {"survey": get_object_or_404(Survey, pk=pk), "imported_note": ImportedNote.objects.last()}
    return render(request, "trails/survey.html", context)
