from django.conf import settings
from django.contrib.auth import login
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseForbidden
from rest_framework.permissions import BasePermission

OFFICE_IPS = ["10.0.0.5", "10.0.0.6"]


def metrics(request):
    if request.META.get("HTTP_X_FORWARDED_FOR") not in OFFICE_IPS:  # want "access is decided by the X-FORWARDED-FOR header compared with OFFICE_IPS"
        raise PermissionDenied
    return HttpResponse("up 1")


def internal_report(request):
    agent = request.META.get("HTTP_USER_AGENT", "")
    if agent != "ReportBot/1.0":  # want "the USER-AGENT header compared with \"ReportBot/1.0\""
        return HttpResponseForbidden()
    return HttpResponse("report")


def beta_features(request):
    if request.COOKIES.get("role") == "admin":  # want "the unsigned cookie role compared with \"admin\""
        request.is_admin = True
    return HttpResponse("ok")


def impersonate(request):
    if request.headers.get("X-Internal") == "yes":  # want "the X-Internal header compared with \"yes\""
        login(request, User.objects.get(username=request.GET["as"]))
    return HttpResponse("ok")


class FromProxy(BasePermission):
    def has_permission(self, request, view):
        if request.headers.get("X-Real-IP", "").startswith("192.168."):  # want "the X-Real-IP header compared with \"192.168.\""
            return True
        return False


def debug_toolbar(request):
    if request.GET.get("debug") == "1":  # want "the request parameter debug compared with \"1\""
        raise PermissionDenied
    return HttpResponse("ok")


def choose_theme(request):  # safe: a preference, no access decision
    if request.COOKIES.get("theme") == "dark":
        return HttpResponse("dark")
    return HttpResponse("light")


def by_remote_addr(request):  # safe: REMOTE_ADDR is the peer address, not a header
    if request.META.get("REMOTE_ADDR") not in settings.INTERNAL_IPS:
        raise PermissionDenied
    return HttpResponse("ok")


def signed_role(request):  # safe: a signed cookie cannot be forged
    if request.get_signed_cookie("role", default="") == "admin":
        request.is_admin = True
    return HttpResponse("ok")


def api_key(request):  # safe here: credentials compared with literals are another rule's
    if request.headers.get("X-Api-Key") != "k3y":
        return HttpResponseForbidden()
    return HttpResponse("ok")


def mobile_layout(request):  # safe: a layout choice turns no one away
    agent = request.META.get("HTTP_USER_AGENT", "")
    if "Mobile" in agent:
        return HttpResponse("mobile")
    return HttpResponse("desktop")


def partial(request):  # safe: an htmx request marker, not an identity
    if request.headers.get("HX-Request") != "true":
        raise PermissionDenied
    return HttpResponse("fragment")


def autocreate(request):  # safe: a feature switch that answers 404 when off
    if request.GET.get("create") != "1":
        return HttpResponse("not found", status=404)
    return HttpResponse("created")


class ServiceSignature(BasePermission):
    def has_permission(self, request, view):
        header = request.META.get("HTTP_X_OPS_SERVICE", "")
        if not header.startswith("Sig "):  # safe: the scheme of a value verified below
            return False
        key_id, stamp = header[4:].split(":", 1)
        return verify_stamp(key_id, stamp)


class ServiceTier(BasePermission):
    def has_permission(self, request, view):
        tier = request.META.get("HTTP_X_OPS_TIER", "")
        if not tier.startswith("internal-"):  # want "the X-OPS-TIER header compared with \"internal-\""
            return False
        audit(tier)
        return True


def verify_stamp(key_id, stamp):
    return bool(key_id) and stamp.isdigit()


def audit(value):
    return value
