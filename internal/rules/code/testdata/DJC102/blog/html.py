from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe


def banner(text):
    return "<div class='banner'>" + text + "</div>"


def safe_banner(text):
    return format_html("<div class='banner'>{}</div>", text)


def render_badge(label):
    return mark_safe("<span class='badge'>%s</span>" % label)  # want "request data \\(request.GET.get\\(.label.\\)\\) reaches mark_safe"


def render_badge_escaped(label):
    return mark_safe("<span class='badge'>%s</span>" % escape(label))  # safe: escaped before mark_safe
