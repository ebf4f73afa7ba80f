from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def docs_link():
    # the project's configuration: a link its settings hold
    return settings.DOCS_LINK_HTML


@register.simple_tag(name="support_link")
def support_link_tag():
    return getattr(settings, "SUPPORT_LINK_HTML", "<a href='/help/'>Help</a>")


@register.simple_tag
def visitor_banner(request):
    # looks alike: what the visitor sent
    return request.GET.get("banner", "")
