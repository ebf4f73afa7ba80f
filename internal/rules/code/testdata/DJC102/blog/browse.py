from urllib.parse import quote, urlencode

from django.shortcuts import render
from django.utils.safestring import mark_safe


def browser(request):
    # the frame page hands its query string on to the frames it loads
    context = {
        "query": mark_safe(request.GET.urlencode()),  # safe: every value is percent-encoded
        "target": mark_safe(quote(request.GET.get("target", ""))),  # safe: percent-encoded
        "params": mark_safe(urlencode({"q": request.GET.get("q", "")})),  # safe: percent-encoded
    }
    return render(request, "browser.html", context)


def browser_raw(request):
    # a safe set that keeps the markup characters as they are
    context = {"target": mark_safe(quote(request.GET.get("target", ""), safe="<>/"))}  # want "reaches mark_safe"
    return render(request, "browser.html", context)


def browser_unquoted(request):
    context = {"target": mark_safe(request.GET.get("target", ""))}  # want "reaches mark_safe"
    return render(request, "browser.html", context)
