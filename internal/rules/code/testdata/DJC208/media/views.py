import os
import uuid

from django.contrib.auth.decorators import login_required, permission_required
from django.core.files.storage import FileSystemStorage, default_storage
from django.http import HttpResponseBadRequest, JsonResponse

ALLOWED_TYPES = {"application/pdf", "image/png"}
MAX_SIZE = 5 * 1024 * 1024


def upload_attachment(request):
    f = request.FILES["attachment"]
    path = default_storage.save("attachments/" + f.name, f)  # want "upload is saved under the client's file name \\(f.name\\)"
    return JsonResponse({"path": path})


def upload_many(request):
    fs = FileSystemStorage(location="/srv/media/docs")
    for doc in request.FILES.getlist("docs"):
        fs.save(os.path.join("docs", doc.name), doc)  # want "doc.name"
    return JsonResponse({})


def upload_checked(request):
    f = request.FILES["attachment"]
    if f.size > MAX_SIZE or f.content_type not in ALLOWED_TYPES:
        return HttpResponseBadRequest("bad file")
    path = default_storage.save("attachments/" + f.name, f)  # safe: size and type checked
    return JsonResponse({"path": path})


def upload_generated(request):
    f = request.FILES.get("avatar")
    path = default_storage.save(f"avatars/{uuid.uuid4().hex}.png", f)  # safe: generated name
    return JsonResponse({"path": path})


@permission_required("media.manage_media")
def staff_upload(request):
    f = request.FILES["attachment"]
    path = default_storage.save("attachments/" + f.name, f)  # want "upload is saved under the client's file name \\(f.name\\) without a size or type check; every route of the view requires staff"
    return JsonResponse({"path": path})


@login_required
def member_upload(request):
    f = request.FILES["attachment"]
    path = default_storage.save("attachments/" + f.name, f)  # want "upload is saved under the client's file name \\(f.name\\) without a size or type check$"
    return JsonResponse({"path": path})
