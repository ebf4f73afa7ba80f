import os
import re
import tempfile
import uuid
from pathlib import Path

from django.conf import settings
from django.contrib.auth.decorators import login_required, user_passes_test
from django.http import FileResponse, HttpResponse, HttpResponseBadRequest
from django.utils._os import safe_join
from django.utils.text import get_valid_filename
from django.views import View

from .security import is_inside, is_near, is_scan_id, is_scan_name, path_traversal_check, path_traversal_note

from .models import Workflow
from .storage import remove, store, store_safely, unpack, unpack_named


def download(request):
    name = request.GET["file"]
    if request.GET.get("safe"):
        return FileResponse(open(safe_join(settings.MEDIA_ROOT, name), "rb"))  # safe: safe_join
    path = os.path.join(settings.MEDIA_ROOT, "exports", name)
    return FileResponse(open(path, "rb"))  # want "reaches open"


def serve_file(request, name):
    clean = get_valid_filename(name)
    with open(os.path.join(settings.MEDIA_ROOT, clean)) as fh:  # safe: get_valid_filename
        data = fh.read()
    return FileResponse(os.path.join(settings.MEDIA_ROOT, name))  # want "URL path parameter name.*FileResponse"


def upload(request):
    store(request.FILES["doc"])
    unpack(request.FILES["bundle"])
    unpack_named(request.FILES["bundle"])
    store_safely(request.FILES["doc"])
    return HttpResponse("ok")


def yearly_report(request, year):
    return FileResponse(open(os.path.join(settings.MEDIA_ROOT, "report-%d.pdf" % year), "rb"))  # safe: int converter


class DeleteView(View):
    def post(self, request):
        remove(request.POST["name"])
        with open(os.path.join(settings.MEDIA_ROOT, "index.txt")) as fh:  # safe: constant path
            return HttpResponse(fh.read())


def preview(request):
    root = os.path.realpath(settings.MEDIA_ROOT)
    full = os.path.realpath(os.path.join(root, request.GET["file"]))
    if not full.startswith(root + os.sep):
        return HttpResponse(status=404)
    with open(full) as fh:  # safe: resolved path checked against the root
        return HttpResponse(fh.read(), content_type="text/plain")


def manifest(request):
    manifest_path = os.path.join(settings.MEDIA_ROOT, request.GET["queue"], "manifest.json")
    base = os.path.realpath(settings.MEDIA_ROOT)
    resolved = os.path.realpath(manifest_path)
    if resolved != base and not resolved.startswith(base + os.sep):
        manifest_path = None
    if manifest_path:
        with open(manifest_path) as fh:  # safe: the path it resolves to was checked against the root
            return HttpResponse(fh.read(), content_type="application/json")
    return HttpResponse(status=404)


def manifest_of_another(request):
    # looks alike: the path is replaced after the check of what it resolved to
    manifest_path = os.path.join(settings.MEDIA_ROOT, "default", "manifest.json")
    resolved = os.path.realpath(manifest_path)
    manifest_path = request.GET["path"]
    if resolved.startswith(os.path.realpath(settings.MEDIA_ROOT) + os.sep):
        with open(manifest_path) as fh:  # want "reaches open"
            return HttpResponse(fh.read(), content_type="application/json")
    return HttpResponse(status=404)


def upload_chunk(request):
    chunk_id = re.sub(r"[^0-9a-zA-Z-]+", "", request.POST["chunk"])
    with open(os.path.join(settings.FILE_UPLOAD_TEMP_DIR, f"{chunk_id}.upload"), "ab") as out:  # safe: only letters, digits and dashes are left
        out.write(request.FILES["data"].read())
    return HttpResponse("ok")


def upload_chunk_loosely(request):
    # looks alike: the allowed set keeps dots and slashes
    chunk_id = re.sub(r"[^0-9a-zA-Z./-]+", "", request.POST["chunk"])
    with open(os.path.join(settings.FILE_UPLOAD_TEMP_DIR, chunk_id), "ab") as out:  # want "file path built from request data \\(request.POST\\[.chunk.\\]\\) reaches open"
        out.write(request.FILES["data"].read())
    return HttpResponse("ok")


def upload_chunk_by_word(request):
    # looks alike: the dot is kept, so ".." still climbs out
    chunk_id = re.sub(r"[^\w.]+", "", request.POST["chunk"])
    with open(os.path.join(settings.FILE_UPLOAD_TEMP_DIR, chunk_id), "ab") as out:  # want "reaches open"
        out.write(request.FILES["data"].read())
    return HttpResponse("ok")


def import_dir(request):
    upload_id = request.POST["upload"]
    uuid.UUID(upload_id)
    return os.listdir(os.path.join(settings.FILE_UPLOAD_TEMP_DIR, upload_id))  # safe: uuid.UUID raised unless it is a UUID


def import_dir_loosely(request):
    # looks alike: the UUID made is not the name used
    upload_id = request.POST["upload"]
    uuid.UUID(request.POST["other"])
    return os.listdir(os.path.join(settings.FILE_UPLOAD_TEMP_DIR, upload_id))  # want "reaches os.listdir"


def media(request):
    path = path_traversal_check(os.path.join(settings.MEDIA_ROOT, request.GET["name"]), settings.MEDIA_ROOT)
    return FileResponse(open(path, "rb"))  # safe: the helper raises unless the resolved path is under MEDIA_ROOT


def media_noted(request):
    path = path_traversal_note(os.path.join(settings.MEDIA_ROOT, request.GET["name"]), settings.MEDIA_ROOT)
    return FileResponse(open(path, "rb"))  # want "reaches open"


def scan_report(request):
    scan = request.GET["scan"]
    if not is_scan_id(scan):
        return HttpResponse("bad scan id", status=400)
    return FileResponse(open(os.path.join(settings.MEDIA_ROOT, "scans", scan, "report.json"), "rb"))  # safe: 32 hex digits


def scan_log(request):
    scan = request.GET["scan"]
    if not is_scan_name(scan):
        return HttpResponse("bad scan name", status=400)
    return FileResponse(open(os.path.join(settings.MEDIA_ROOT, "scans", scan, "log.txt"), "rb"))  # want "reaches open"


def view_inside(request):
    path = os.path.join(settings.MEDIA_ROOT, request.GET["file"])
    if not is_inside(settings.MEDIA_ROOT, path):
        return HttpResponseBadRequest("no")
    with open(path) as fh:  # safe: the project's check keeps it inside the root, or at the root
        return HttpResponse(fh.read())


def view_near(request):
    path = os.path.join(settings.MEDIA_ROOT, request.GET["file"])
    if not is_near(settings.MEDIA_ROOT, path):
        return HttpResponseBadRequest("no")
    with open(path) as fh:  # want "reaches open"
        return HttpResponse(fh.read())


def view_inside_posix(request):
    root = Path(settings.MEDIA_ROOT) / "libs"
    target = root / request.GET["file"]
    if not is_inside(root.as_posix(), target.as_posix()):
        return HttpResponseBadRequest("no")
    with open(target, "rb") as fh:  # safe: the check is given the path's text
        return HttpResponse(fh.read())


def view_inside_str(request):
    root = Path(settings.MEDIA_ROOT) / "libs"
    target = root / request.GET["file"]
    if not is_inside(str(root), str(target)):
        return HttpResponseBadRequest("no")
    with open(target, "rb") as fh:  # safe: the check is given the path's text
        return HttpResponse(fh.read())


def view_inside_other(request):
    root = Path(settings.MEDIA_ROOT) / "libs"
    target = root / request.GET["file"]
    shown = root / "index.txt"
    if not is_inside(root.as_posix(), shown.as_posix()):
        return HttpResponseBadRequest("no")
    with open(target, "rb") as fh:  # want "reaches open"
        return HttpResponse(fh.read())


def rollback_file(request):
    # safe: int() raised unless the id is digits before the path is built
    wid = request.GET.get("workflow_id")
    workflow = Workflow.objects.get(id=int(wid))
    return FileResponse(open(f"{settings.MEDIA_ROOT}/rollback_{wid}.sql", "rb"))


def rollback_file_guessed(request):
    wid = request.GET.get("workflow_id")
    workflow = Workflow.objects.get(id=int(wid)) if wid.isdigit() is False else None
    return FileResponse(open(f"{settings.MEDIA_ROOT}/rollback_{wid}.sql", "rb"))  # want "reaches open"


def rollback_file_rebound(request):
    wid = request.GET.get("workflow_id")
    wid = str(int(wid)) + request.GET.get("suffix", "")
    return FileResponse(open(f"{settings.MEDIA_ROOT}/rollback_{wid}.sql", "rb"))  # want "reaches open"


@user_passes_test(lambda u: u.is_superuser)
def save_theme(request):
    # the theme editor: only superusers post to it
    with open(os.path.join(settings.MEDIA_ROOT, request.POST["name"]), "w") as out:  # want "reaches open.*; it is read in save_theme, which every route lets only superusers reach"
        out.write(request.POST["css"])
    return HttpResponse("ok")


@user_passes_test(lambda u: u.is_superuser)
def show_theme(request):
    # a query string is anyone's: a link sent to a superuser carries it
    return FileResponse(open(os.path.join(settings.MEDIA_ROOT, request.GET["name"]), "rb"))  # want "reaches open$"


@login_required
def save_note(request):
    with open(os.path.join(settings.MEDIA_ROOT, request.POST["name"]), "w") as out:  # want "reaches open$"
        out.write(request.POST["text"])
    return HttpResponse("ok")


def fetch_attachment(request):
    url = request.POST["url"]
    folder = tempfile.mkdtemp()
    # the text after the last slash names a file in the new folder
    with open(os.path.join(folder, url.split("/")[-1]), "wb") as out:  # safe: the last segment of the URL, as basename gives
        out.write(b"")
    with open(os.path.join(folder, url.rsplit("/", 1)[-1]), "wb") as out:  # safe: the last segment of the URL, as basename gives
        out.write(b"")
    with open(os.path.join(folder, url.split("?")[-1]), "wb") as out:  # want "file path built from request data"
        out.write(b"")
    with open(os.path.join(folder, url.split("/")[0]), "wb") as out:  # want "file path built from request data"
        out.write(b"")
    return HttpResponse("ok")
