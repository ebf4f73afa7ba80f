import re

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.views import View

from .html import banner, render_badge, render_badge_escaped, safe_banner


def hello(request):
    name = request.GET.get("name", "world")
    if request.GET.get("plain"):
        return HttpResponse("Hello " + name, content_type="text/plain")  # safe: not HTML
    if request.GET.get("escaped"):
        return HttpResponse("<h1>Hello %s</h1>" % escape(name))  # safe: escaped
    if request.GET.get("fmt"):
        return HttpResponse(format_html("<h1>Hello {}</h1>", name))  # safe: format_html placeholder
    if request.GET.get("banner"):
        return HttpResponse(banner(name))  # want "reaches HttpResponse without HTML escaping"
    if request.GET.get("safe_banner"):
        return HttpResponse(safe_banner(name))  # safe: helper uses format_html
    badge = render_badge(request.GET.get("label"))
    badge2 = render_badge_escaped(request.GET.get("label"))
    return HttpResponse(f"<h1>Hello {name}</h1>{badge}{badge2}")  # want "request.GET.get\\(.name., .world.\\)"


def tag_page(request, tag):
    title = format_html("<h2>" + tag + "</h2>")  # want "URL path parameter tag.*format_html"
    return render(request, "blog/tag.html", {"title": title, "tag": tag})  # safe: template autoescapes


def post_detail(request, pk):
    return HttpResponse("<p>post %s</p>" % pk)  # safe: int converter


class GreetView(View):
    def get(self, request):
        self.who = request.GET.get("who", "")
        message = mark_safe("<b>" + self.who + "</b>")  # want "mark_safe"
        return HttpResponse(message)

    def post(self, request):
        who = request.POST.get("who", "")
        return HttpResponse(escape(who))  # safe: escaped


def export_csv(request):
    rows = request.GET.get("rows", "")
    response = HttpResponse(rows)  # safe: the content type is set to CSV below
    response["Content-Type"] = "text/csv"
    response["Content-Disposition"] = 'attachment; filename="export.csv"'
    return response


def host_banner(request):
    # letters, digits and dashes are all that is left of the host
    site = re.sub("[^a-zA-Z0-9]", "-", request.headers["host"])
    return HttpResponse(f"<p class='site-{site}'>Welcome</p>")  # safe: an allow-list re.sub


def tag_banner(request):
    # the class keeps < and >: markup goes through
    tag = re.sub("[^a-zA-Z0-9<>]", "", request.GET["tag"])
    return HttpResponse(f"<p>{tag}</p>")  # want "request data"
