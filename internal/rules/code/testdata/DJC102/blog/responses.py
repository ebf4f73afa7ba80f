from django.http import HttpResponse


class JsonTextResponse(HttpResponse):
    """Sends what it is given as JSON text, unless told otherwise."""

    def __init__(self, data, **kwargs):
        kwargs.setdefault("content_type", "application/json")
        super().__init__(content=data, **kwargs)


class PlainTextResponse(HttpResponse):
    def __init__(self, text, **kwargs):
        super().__init__(text, content_type="text/plain; charset=utf-8", **kwargs)


class FragmentResponse(HttpResponse):
    """An HTML fragment for the page's scripts to insert."""

    def __init__(self, html, **kwargs):
        kwargs.setdefault("content_type", "text/html")
        super().__init__(content=html, **kwargs)


def preview_json(request):
    return JsonTextResponse('{"preview": "%s"}' % request.POST["text"])  # safe: the class's own content type is JSON


def preview_text(request):
    return PlainTextResponse(request.POST["text"])  # safe: text/plain, which no browser renders as HTML


def preview_fragment(request):
    return FragmentResponse("<p>%s</p>" % request.GET["text"])  # want "request data \\(request.GET\\[.text.\\]\\) reaches FragmentResponse"
