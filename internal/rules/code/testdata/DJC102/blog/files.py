from pathlib import Path

from django.conf import settings
from django.http import HttpResponse

PREVIEWS = Path(settings.MEDIA_ROOT) / "previews"


def preview(request, name):
    # The bytes of a file the request names are the file's, not the
    # request's text; choosing the file is a path rule's concern.
    data = (PREVIEWS / f"{name}.html").read_bytes()
    return HttpResponse(data)  # safe: the content read from a file, not the name


def preview_text(request, name):
    text = (PREVIEWS / name).read_text()
    return HttpResponse("<div>" + text + "</div>")  # safe: the content read from a file


def preview_titled(request, name):
    text = (PREVIEWS / name).read_text()
    return HttpResponse("<h1>" + name + "</h1>" + text)  # want "URL path parameter name"


def echo_upload(request):
    body = request.FILES["doc"].read()
    return HttpResponse(body)  # want "request.FILES"
