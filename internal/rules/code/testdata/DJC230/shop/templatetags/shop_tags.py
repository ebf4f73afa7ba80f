from django import template
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def vendor_badge(vendor):
    return mark_safe('<span title="{0}">{0}</span>'.format(vendor.name))  # want "puts vendor.name, the text field Vendor.name"


@register.simple_tag
def size_badge(size):
    return mark_safe(f"<b>{size.label}</b>")  # safe: no model is named size


@register.simple_tag
def icon(name):
    return mark_safe(f'<i class="icon icon-{name}"></i>')  # safe: a plain parameter, not a model's field
