import json

import bleach
from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def as_json(data):
    # every "<" becomes "&lt;": nothing in the output ends a script block
    return mark_safe(bleach.clean(json.dumps(data)))


@register.filter
def as_js_literal(data):
    encoded = json.dumps(data, default=str)
    return mark_safe(encoded.replace("<", "\\u003c"))


@register.filter
def as_escaped_json(data):
    return mark_safe(escape(json.dumps(data)))


@register.filter
def as_raw_json(data):
    # "</script>" in a string ends the script block
    return mark_safe(json.dumps(data))


@register.filter
def as_clean_text(data):
    # clean HTML, but its quotes end a JavaScript string
    return mark_safe(bleach.clean(data))


@register.filter
def as_json_or_text(data):
    if isinstance(data, str):
        return mark_safe(data.strip())
    return mark_safe(bleach.clean(json.dumps(data)))


@register.filter
def as_marked(value):
    # a name bound to a call of itself: the walk stops
    value = mark_safe(value)
    return mark_safe(value)


@register.filter
def as_text_with_breaks(data):
    # returns its input marked safe: DJT102 reports it, once
    return mark_safe(data.replace("\n", "<br>"))
