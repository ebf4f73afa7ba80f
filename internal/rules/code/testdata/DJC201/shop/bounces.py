# Amazon SES reports bounced mail through SNS, which signs each message.
import json

from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods
from sns_message_validator import SNSMessageValidator, SignatureVerificationFailureException

from .models import CartItem

validator = SNSMessageValidator()


def verify_sns_payload(request):
    try:
        validator.validate_message(message=json.loads(request.body))
    except SignatureVerificationFailureException:
        return "bad signature", 400
    return "ok", 200


def read_payload(request):
    try:
        json.loads(request.body)
    except ValueError:
        return "not json", 400
    return "ok", 200


@csrf_exempt
def bounce(request):  # safe: a helper checks the message's SNS signature before the write
    text, status = verify_sns_payload(request)
    if status != 200:
        return JsonResponse({"message": text}, status=status)
    CartItem.objects.filter(product_id=json.loads(request.body)["product"]).delete()
    return JsonResponse({"message": "done"})


@csrf_exempt
def complaint(request):  # want "with nothing that authenticates the request"
    # looks alike: the helper only checks that the body is JSON
    text, status = read_payload(request)
    if status != 200:
        return JsonResponse({"message": text}, status=status)
    CartItem.objects.filter(product_id=json.loads(request.body)["product"]).delete()
    return JsonResponse({"message": "done"})


@require_GET
@csrf_exempt
def forget_cart(request):  # safe: it answers GET alone, which CSRF protection never checks, exempt or not
    CartItem.objects.filter(product_id=request.GET.get("product")).delete()
    return JsonResponse({"message": "done"})


@require_http_methods(["GET", "POST"])
@csrf_exempt
def forget_cart_by_form(request):  # want "with nothing that authenticates the request"
    # looks alike: it answers POST too
    CartItem.objects.filter(product_id=request.POST.get("product")).delete()
    return JsonResponse({"message": "done"})
