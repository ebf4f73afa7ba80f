from django.conf import settings
from wagtail.models import Page


class PromoPage(Page):
    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["portal_id"] = settings.HUBSPOT_PORTAL_ID
        return context


class SearchPage(Page):
    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["query"] = request.GET.get("q", "")
        return context
