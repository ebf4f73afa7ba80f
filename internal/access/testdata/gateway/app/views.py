from apigw_manager.apigw.decorators import apigw_require
from somelib.decorators import token_required
from django.http import JsonResponse


@apigw_require
def create_task(request):
    return JsonResponse({"ok": True})


@token_required
def create_note(request):
    return JsonResponse({"ok": True})
