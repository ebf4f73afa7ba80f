import os

from django.conf import settings
from django.http import JsonResponse

TEMPLATE_DIR = os.path.join(settings.BASE_DIR, "shop", "templates", "custom")


def save_template(request):
    name = os.path.basename(request.POST["name"])
    path = os.path.join(TEMPLATE_DIR, name + ".html")
    with open(path, "w", encoding="utf-8") as out:
        out.write(request.POST["body"])  # want "template source built from request data .* reaches out.write"
    return JsonResponse({"ok": True})


def export_page(request):
    path = os.path.join(settings.MEDIA_ROOT, "exports", "page.html")
    with open(path, "w") as out:
        out.write(request.POST["body"])  # safe: an export in media, not a template the app renders
    return JsonResponse({"ok": True})


class PhoneNumber:
    @classmethod
    def from_string(cls, text):
        return cls()


def save_phone(request):
    number = PhoneNumber.from_string(request.POST["phone"])  # safe: a phone number parser, not a template engine
    return JsonResponse({"ok": number is not None})
