"""Pages of the handbook, which the docs build writes as JSON next to the site."""

import json
import os
from pathlib import Path

from django.conf import settings
from django.shortcuts import render

BUILD_DIR = Path(settings.BASE_DIR) / "handbook" / "_build" / "json"


def handbook_page(request, slug):
    # the build's own output: Sphinx writes escaped titles and a TOC in HTML
    def load_page(path):
        with path.open(encoding="utf-8") as fh:
            return json.load(fh)

    page_file = BUILD_DIR / f"{slug}.fjson"
    return render(request, "shop/handbook_page.html", {"handbook": load_page(page_file), "slug": slug})


def handbook_index(request):
    return render(
        request,
        "shop/handbook_index.html",
        {"handbook_toc": json.loads((BUILD_DIR / "index.fjson").read_text())},
    )


def read_notes(path):
    with open(path) as fh:
        return json.load(fh)


def customer_notes(request, name):
    # a file customers upload: MEDIA_ROOT is theirs
    notes = os.path.join(settings.MEDIA_ROOT, "notes", name)
    return render(request, "shop/customer_notes.html", {"uploaded_notes": read_notes(notes)})


def imported_sheet(request):
    return render(request, "shop/customer_notes.html", {"sheet_data": json.load(request.FILES["sheet"])})


def attached_manual(request, product):
    # a model's file field: an upload, whatever its folder
    return render(request, "shop/customer_notes.html", {"manual": json.load(product.manual.open())})
