from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render

from .forms import BulletinForm, TipForm
from .models import Bulletin, Tip


def add(request):
    if not request.user.has_perm("bulletins.add_bulletin"):
        raise PermissionDenied
    form = BulletinForm(request.POST or None)
    if form.is_valid():
        form.save()
        return redirect("/")
    return render(request, "bulletins/edit.html", {"form": form})


@permission_required("bulletins.change_bulletin")
def edit(request, pk):
    form = BulletinForm(request.POST or None, instance=get_object_or_404(Bulletin, pk=pk))
    if form.is_valid():
        form.save()
    return render(request, "bulletins/edit.html", {"form": form})


def detail(request, pk):
    return render(request, "bulletins/detail.html", {"bulletin": get_object_or_404(Bulletin, pk=pk), "tip": Tip.objects.last()})


@permission_required("bulletins.add_tip")
def add_tip(request):
    TipForm(request.POST).save()
    return redirect("/")


@login_required
def suggest_tip(request):
    TipForm(request.POST).save()
    return redirect("/")
