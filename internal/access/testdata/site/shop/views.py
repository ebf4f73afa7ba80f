from django.contrib.auth.decorators import user_passes_test
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django.views.generic import UpdateView

from thirdparty.auth import require_role

from .access import OwnerOnlyMixin, require_signature
from .access.decorators import can_edit_order, log_calls, node_token_required, note_editors, token_noted
from .models import Order


def home(request):
    return HttpResponse("home")


def about(request):
    return HttpResponse("about")


def order(request, pk):
    return HttpResponse("order")


@log_calls
def catalogue(request):
    return HttpResponse("catalogue")


@csrf_exempt
@require_signature
@require_POST
def hook(request):
    Order.objects.filter(pk=request.POST["pk"]).update(paid=True)
    return HttpResponse("ok")


class OrderEdit(OwnerOnlyMixin, UpdateView):
    model = Order
    fields = ["note"]


class Profile(LoginRequiredMixin, View):
    def get(self, request):
        return HttpResponse("me")


@method_decorator(user_passes_test(lambda u: u.is_superuser), name="dispatch")
class Danger(View):
    def post(self, request):
        return HttpResponse("boom")


@require_role("auditor")
def audit(request):
    return HttpResponse("audit")


def inline_staff(request):
    if not request.user.is_staff:
        return HttpResponse(status=403)
    return HttpResponse("staff")


def dashboard(request):
    return HttpResponse("stats")


class StaffBase(View):
    def check_access(self, request):
        if not request.user.is_staff:
            raise PermissionDenied


class Reports(StaffBase):
    def get(self, request):
        self.check_access(request)
        return HttpResponse("reports")


def contact(request):
    from django_ratelimit.core import is_ratelimited

    if is_ratelimited(request, group="contact", key="ip", rate="5/h", increment=True):
        return HttpResponse("slow down", status=429)
    return HttpResponse("sent")


def cancel_order(request, pk):
    from .access.rules import has_permission

    order = {"pk": pk}
    has_permission("cancel_order", user=request.user, obj=order, raise_exception=True)
    return HttpResponse("cancelled")


def reorder(request, pk):
    from .access.rules import visible_order

    order = visible_order(request.user, pk)
    return HttpResponse("reordered %s" % order["pk"])


def redeem_voucher(request):
    from .models import Voucher

    try:
        voucher = Voucher.objects.get(token=request.POST.get("token"))
    except Voucher.DoesNotExist:
        return HttpResponse("unknown voucher", status=404)
    voucher.delete()
    return HttpResponse("redeemed")


def redeem_by_name(request):
    from .models import Voucher

    try:
        voucher = Voucher.objects.get(name=request.POST.get("name"))
    except Voucher.DoesNotExist:
        return HttpResponse("unknown voucher", status=404)
    voucher.delete()
    return HttpResponse("redeemed")


def redeem_own_voucher(request):
    from .models import Voucher

    try:
        # the requesting user's own token: nothing the client sent
        voucher = Voucher.objects.get(token=request.user.profile.voucher_token)
    except Voucher.DoesNotExist:
        return HttpResponse("no voucher", status=404)
    voucher.delete()
    return HttpResponse("redeemed")


@node_token_required
def node_config(request):
    return HttpResponse("config")


@token_noted
def node_status(request):
    return HttpResponse("status")


@method_decorator(can_edit_order, name="dispatch")
class OrderNotes(View):
    def post(self, request, pk):
        Order.objects.filter(pk=pk).update(notes=request.POST["notes"])
        return HttpResponse("saved")


@method_decorator(note_editors, name="dispatch")
class OrderTags(View):
    def post(self, request, pk):
        Order.objects.filter(pk=pk).update(tags=request.POST["tags"])
        return HttpResponse("saved")


def import_rows(request, owner):
    from .imports import save_rows

    save_rows(request.POST.get("rows"), owner, request=request)
    return HttpResponse("imported")


def import_rows_offline(request, owner):
    from .imports import save_rows

    # the request is left out: the importer's check has no one to ask
    save_rows(request.POST.get("rows"), owner)
    return HttpResponse("imported")
