from django.shortcuts import render

from . import forms
from .forms import DocumentFilterForm, DocumentSearchForm
from .models import Document


def search(request):
    form = DocumentSearchForm(request.GET)
    return render(request, "documents/search.html", {"form": form, "results": Document.objects.none()})


def browse(request):
    form = forms.DocumentSearchForm(data=request.GET.copy())
    return render(request, "documents/browse.html", {"form": form})


def filter_documents(request):
    form = DocumentFilterForm(request.GET)
    return render(request, "documents/filter.html", {"form": form})


def save_filter(request):
    form = DocumentFilterForm(request.POST)
    if form.is_valid():
        form.save()
    return render(request, "documents/filter.html", {"form": form})


def transfer(request):
    form = forms.DocumentTransferForm(request.POST, team=request.user.team)
    if form.is_valid():
        form.save()
    return render(request, "documents/transfer.html", {"form": form})


def rename(request):
    form = forms.DocumentRenameForm(request.POST)
    if form.is_valid():
        form.save()
    return render(request, "documents/rename.html", {"form": form})


def reinvite(request):
    form = forms.MembershipImportForm(request.POST)
    if form.is_valid():
        form.save()
    return render(request, "documents/reinvite.html", {"form": form})
