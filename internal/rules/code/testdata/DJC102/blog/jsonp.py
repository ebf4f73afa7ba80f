from django.http import HttpResponse


def mark_as_json(response):
    response["Access-Control-Allow-Origin"] = "*"
    response["Content-Type"] = "application/json"
    return response


def allow_everyone(response):
    response["Access-Control-Allow-Origin"] = "*"
    return response


def feed(request):
    callback = request.GET.get("callback", "cb")
    response = HttpResponse(f"{callback}([])")  # safe: the helper makes it JSON
    mark_as_json(response)
    return response


def feed_script(request):
    response = HttpResponse(request.GET.get("fn", "cb") + "([])")  # safe: JavaScript, not a page
    response["Content-Type"] = "application/javascript"
    return response


def feed_returned(request):
    response = HttpResponse(request.GET.get("name", "cb") + "([])")  # safe: the helper makes it JSON
    return mark_as_json(response)


def feed_helper_html(request):
    response = HttpResponse(request.GET.get("title", "cb") + "([])")  # want "reaches HttpResponse without HTML escaping"
    allow_everyone(response)
    return response


def feed_xml(request):
    response = HttpResponse(request.GET.get("call", "cb") + "([])")  # want "reaches HttpResponse without HTML escaping"
    response["Content-Type"] = "application/xhtml+xml"
    return response
