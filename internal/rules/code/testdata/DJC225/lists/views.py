from django.contrib.auth.decorators import login_required, permission_required
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from rest_framework.decorators import api_view

from .forms import ListForm, ListSerializer, LockedListForm, OwnListSerializer, RenameForm, ShelfForm, TagForm
from .models import ReadingList


@login_required
def edit_list(request, pk):
    reading_list = get_object_or_404(ReadingList, pk=pk)
    form = ListForm(request.POST, instance=reading_list)  # want "ListForm takes ReadingList.user, the object's owner, from the request"
    if form.is_valid() and form.instance.user == request.user:  # checked after binding: the posted user passes
        form.save()
    return JsonResponse({"ok": True})


@login_required
def create_list(request):  # safe: the view sets the owner itself
    form = ListForm(request.POST)
    form.instance.user = request.user
    if form.is_valid():
        form.save()
    return JsonResponse({"ok": True})


@login_required
def create_locked(request):  # safe: the form disables the owner field, so Django ignores what is posted
    form = LockedListForm(request.POST, initial={"user": request.user})
    if form.is_valid():
        form.save()
    return JsonResponse({"ok": True})


@login_required
def rename_list(request, pk):  # safe: the form does not take the owner
    form = RenameForm(request.POST, instance=get_object_or_404(ReadingList, pk=pk, user=request.user))
    form.save()
    return JsonResponse({"ok": True})


@login_required
def add_tag(request):  # safe: tags have no owner
    TagForm(request.POST).save()
    return JsonResponse({"ok": True})


@permission_required("lists.change_readinglist")
def assign_list(request, pk):  # safe: staff with the permission hand lists to users on purpose
    form = ListForm(request.POST, instance=get_object_or_404(ReadingList, pk=pk))
    form.save()
    return JsonResponse({"ok": True})


@login_required
def show_list(request, pk):  # safe: a form made for display, given no data
    form = ListForm(instance=get_object_or_404(ReadingList, pk=pk, user=request.user))
    return JsonResponse({"fields": list(form.fields)})


@api_view(["POST"])
def api_create(request):  # safe: saved with the requester as owner
    serializer = ListSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    serializer.save(user=request.user)
    return JsonResponse(serializer.data)


@api_view(["POST"])
def api_create_hidden(request):  # safe: the owner field is DRF's HiddenField with the current user
    serializer = OwnListSerializer(data=request.data, context={"request": request})
    serializer.is_valid(raise_exception=True)
    serializer.save()
    return JsonResponse(serializer.data)


@api_view(["POST"])
def api_import(request):
    serializer = ListSerializer(data=request.data)  # want "ListSerializer takes ReadingList.user"
    serializer.is_valid(raise_exception=True)
    serializer.save()
    return JsonResponse(serializer.data)


@login_required
def create_shelf(request):  # safe: a new row, and save refuses an owner other than the requester
    form = ShelfForm(request.POST)
    if form.is_valid():
        form.save(request)
    return redirect("/")


@login_required
def edit_shelf(request, pk):
    shelf = get_object_or_404(ReadingList, pk=pk)
    form = ShelfForm(request.POST, instance=shelf)  # want "ShelfForm takes ReadingList.user, the object's owner, from the request"
    if form.is_valid():
        form.save(request)
    return redirect("/")
