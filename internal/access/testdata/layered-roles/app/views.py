from django.http import HttpResponse
from .decorators import base_check_required, is_manager, is_manager_no_denial
from .models import Field


@is_manager
def delete_field(request):
    Field.objects.filter(pk=request.POST["pk"]).delete()
    return HttpResponse("ok")


@base_check_required
def delete_field_base(request):
    Field.objects.filter(pk=request.POST["pk"]).delete()
    return HttpResponse("ok")


@is_manager_no_denial
def delete_field_open(request):
    Field.objects.filter(pk=request.POST["pk"]).delete()
    return HttpResponse("ok")
