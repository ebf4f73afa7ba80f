from django.core.exceptions import PermissionDenied
from django.contrib.auth.models import User
from django.http import HttpRequest, JsonResponse

from .models import Report


def export_all(request):
    assert request.user.is_staff  # want "access check \"request.user.is_staff\" is an assert"
    return JsonResponse({"n": Report.objects.count()})


def report_detail(request, pk):
    report = Report.objects.get(pk=pk)
    assert report.owner == request.user, "not yours"  # want "assert"
    return JsonResponse({"id": report.pk})


def summary(request):
    if not request.user.is_staff:
        raise PermissionDenied  # safe: real check
    data = {"n": Report.objects.count()}
    assert isinstance(data["n"], int)  # safe: internal invariant
    return JsonResponse(data)


def _project_for_user(request: HttpRequest, code: str) -> Report:
    # django-stubs idiom: narrows request.user from AnonymousUser to User
    # for the type checker; the views calling this are login_required
    assert request.user.is_authenticated  # want "usually narrows the user's type"
    return Report.objects.get(code=code, owner=request.user)


def _second_factor(request, user):
    assert isinstance(request.user, User)  # safe: type narrowing
    assert request.user is not None  # safe: type narrowing
    return user


def delete_report(request, pk):
    assert request.user.is_authenticated  # want "access check \"request.user.is_authenticated\" is an assert, which python -O removes; no deployment file of the project runs Python with -O"
    Report.objects.filter(pk=pk).delete()
    return JsonResponse({})


class ResetFlow:
    def __init__(self, user=None):
        self.user = user

    def finish(self):
        assert self.user  # safe: the flow set the user before; an invariant, not an access decision
        return self.user


def approve(request, pk):
    assert not request.user.is_anonymous  # want "access check"
    return JsonResponse({})


class PermissionFieldsMixin:
    def get_fields(self):
        # a subclass that forgets Meta.permissions fails here; the next line
        # reads it anyway, so without the assert the error is the same
        assert hasattr(self.Meta, "permissions"), "Meta.permissions is missing"  # safe: checks the developer's class, not the user
        return {perm: field for perm, field in self.Meta.permissions.items()}


def export(request):
    assert hasattr(request.user, "profile") and request.user.is_staff  # want "access check"
    return JsonResponse({})


def sign_out(request):
    if request.user.is_authenticated:
        logout(request)
        # safe: states that logout worked; it asks for less, not more, so dropping it lets no one in
        assert not request.user.is_authenticated
    return JsonResponse({})


def sign_up(request):
    assert not request.user.is_staff  # safe: demands a less privileged user; without it only staff get in too
    return JsonResponse({})


def approve_edits(request, pk):
    if not request.user.is_administrator_or_moderator():
        raise PermissionDenied
    report = Report.objects.get(pk=pk)
    assert report.owner != request.user  # want "line 87 refuses every user without the privilege first, so the assert only restates it"
    return JsonResponse({"id": report.pk})


def approve_own(request, pk):
    if not request.user.is_authenticated:
        raise PermissionDenied
    report = Report.objects.get(pk=pk)
    assert report.owner == request.user  # want "access check \"report.owner == request.user\" is an assert, which python -O removes; no deployment"
    return JsonResponse({"id": report.pk})
