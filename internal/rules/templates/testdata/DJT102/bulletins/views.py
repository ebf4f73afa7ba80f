from django.conf import settings
from django.contrib.auth.decorators import login_required, permission_required
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.generic import CreateView

from .forms import BulletinForm, ClassifiedForm, ColumnForm, DigestForm, FlyerForm, LetterForm, NoticeForm, RemarkForm, TipForm
from .models import Bulletin, Classified, Column, Digest, Flyer, Letter, Notice, Remark, Tip


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


@permission_required("bulletins.can_manage_notices")
def add_notice(request):
    NoticeForm(request.POST).save()
    return redirect("/")


@permission_required("bulletins.can_submit_remarks")
def add_remark(request):
    RemarkForm(request.POST).save()
    return redirect("/")


def notices(request):
    return render(request, "bulletins/notices.html", {"notice": Notice.objects.last(), "remark": Remark.objects.last()})


class DigestCreateView(PermissionRequiredMixin, CreateView):
    permission_required = "bulletins.can_manage_digests"
    form_class = DigestForm


@permission_required("bulletins.change_letter")
def edit_letter(request, pk):
    LetterForm(request.POST, instance=get_object_or_404(Letter, pk=pk)).save()
    return redirect("/")


class LetterCreateView(CreateView):
    # anyone may send a letter
    form_class = LetterForm


def digest(request):
    return render(request, "bulletins/digest.html", {"digest": Digest.objects.last(), "letter": Letter.objects.last()})


@permission_required("bulletins.manage_flyers")
def edit_flyer(request, pk):
    FlyerForm(request.POST, instance=get_object_or_404(Flyer, pk=pk)).save()
    return redirect("/")


def flyer(request):
    return render(request, "bulletins/flyer.html", {"flyer": Flyer.objects.last()})


def add_column(request):
    # a superuser beside the permission takes nothing away
    if not (request.user.is_superuser or request.user.has_perm("bulletins.add_column")):
        raise PermissionDenied
    form = ColumnForm(request.POST or None)
    if form.is_valid():
        form.save()
    return render(request, "bulletins/edit.html", {"form": form})


def add_classified(request):
    # the permission is one way in; the site's setting lets every member in
    can_add = request.user.has_perm("bulletins.add_classified")
    if not any([can_add, settings.CLASSIFIEDS_OPEN]):
        raise PermissionDenied
    form = ClassifiedForm(request.POST or None)
    if form.is_valid():
        form.save()
    return render(request, "bulletins/edit.html", {"form": form})


def board(request):
    context = {"column": Column.objects.last(), "classified": Classified.objects.last()}
    return render(request, "bulletins/board.html", context)
