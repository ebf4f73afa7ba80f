import hashlib
import hmac

from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect

from .models import Bio

from .decorators import scope_required

HOOK_KEY = b"from-the-environment"


@scope_required("write")
def bookmark(request, pk):
    request.identity.bookmarks.create(post_id=pk)
    return JsonResponse({"ok": True})


def hook(request):
    digest = hmac.new(HOOK_KEY, request.body, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(digest, request.headers.get("X-Signature", "")):
        return HttpResponse(status=401)
    return HttpResponse("ok")


def delete_bio(request, pk):
    bio = Bio.objects.get(pk=pk)
    if not bio.owner == request.user.profile:
        return redirect("show-bio", pk)
    bio.delete()
    return redirect("bios")


def rename_bio(request, pk):
    bio = Bio.objects.get(pk=pk)
    if not bio.owner == request.session.get("last_profile"):
        return redirect("show-bio", pk)
    bio.name = request.POST["name"]
    bio.save()
    return redirect("bios")
