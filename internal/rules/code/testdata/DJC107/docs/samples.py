import os

from django.conf import settings
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
