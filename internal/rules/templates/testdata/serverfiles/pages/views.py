import os

from django.shortcuts import render

from site.config import find_config_file

from .logbook import note_visit

FRONT_FILE = find_config_file("front.html")
NOTES_DIR = find_config_file("notes")


def front(request):
    with open(FRONT_FILE, "r") as f:
        front_html = f.read()
    return render(request, "pages/front.html", {"front_html": front_html})


def note(request):
    with open(os.path.join(NOTES_DIR, request.GET["name"])) as f:
        return render(request, "pages/note.html", {"note_html": f.read()})


def attachment(request, doc):
    note_visit(request)
    return render(request, "pages/attachment.html", {"attachment_html": doc.upload.open().read()})
