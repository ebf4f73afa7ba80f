from django.core.exceptions import PermissionDenied
from django.http import JsonResponse

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
