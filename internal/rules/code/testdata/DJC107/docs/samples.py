import os

from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.http import HttpResponse

SAMPLE_SUFFIXES = {"python": "py", "go": "go", "shell": "sh"}


def sample_code(request):
    language = request.GET.get("language", "python")
    suffix = SAMPLE_SUFFIXES[language]  # KeyError unless language is one of the keys
    with open(os.path.join(settings.BASE_DIR, "samples", language, "demo." + suffix)) as fh:  # safe: language is a key of the dict
        return HttpResponse(fh.read())


def sample_readme(request):
    suffixes = {"python": "py", "go": "go"}
    language = request.GET.get("language", "python")
    suffix = suffixes.get(language, "txt")  # no KeyError: any language goes on
    with open(os.path.join(settings.BASE_DIR, "samples", language, "README." + suffix)) as fh:  # want "file path built from request data \\(request.GET.get\\(.language., .python.\\)\\) reaches open"
        return HttpResponse(fh.read())


def sample_extra(request):
    extras = {"python": "py"}
    extras[request.GET.get("add", "")] = "x"
    language = request.GET.get("language", "python")
    extras[language]
    with open(os.path.join(settings.BASE_DIR, "samples", language, "extra.txt")) as fh:  # want "file path built from request data \\(request.GET.get\\(.language., .python.\\)\\) reaches open"
        return HttpResponse(fh.read())


@staff_member_required
def import_bundle(request):
    # routed by a URL list the project builds at run time, which djsec cannot follow
    with open(os.path.join("/srv/bundles", request.POST["bundle"]), "wb") as out:  # want "reaches open.*; it is read in import_bundle, which @staff_member_required lets only staff reach, however it is routed"
        out.write(request.body)
    return HttpResponse(status=204)


def export_bundle(request):
    with open(os.path.join("/srv/bundles", request.POST["bundle"]), "rb") as fh:  # want "reaches open$"
        return HttpResponse(fh.read())
