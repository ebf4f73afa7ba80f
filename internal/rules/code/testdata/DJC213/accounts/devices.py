from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone

from .models import Device


def verify_device(request, pk):  # safe: the row changes only for whoever holds the code it was sent
    device = get_object_or_404(Device, pk=pk)
    code = request.POST.get("code")
    if device.verification_code == code and timezone.now() < device.code_expires_at:
        device.is_verified = True
        device.save()
        return HttpResponse("verified")
    return HttpResponseBadRequest("wrong code")


def pair_device(request, pk):  # want "view pair_device changes data \\(database write: device.save"
    # looks alike: a country code is no secret
    device = get_object_or_404(Device, pk=pk)
    if device.country_code == request.POST.get("country"):
        device.is_paired = True
        device.save()
    return HttpResponse("ok")


def unlock_device(request, pk):  # want "view unlock_device changes data \\(database write: device.save"
    # looks alike: the code is compared with a literal the request does not carry
    device = get_object_or_404(Device, pk=pk)
    if device.verification_code == "0000":
        device.is_verified = True
        device.save()
    return HttpResponse("ok")


def confirm_device(request, pk, code):  # safe: the comparison with the code sent is named, then tested
    device = get_object_or_404(Device, pk=pk)
    is_code_correct = device.verification_code == code
    if is_code_correct and not device.is_verified:
        device.is_verified = True
        device.save()
    return HttpResponse("ok")
