from django.conf import settings
from wagtail.fields import StreamField
from wagtail.models import Page

from .blocks import BodyBlock


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


class CampaignMixin(Page):
    class Meta:
        abstract = True


class LandingPage(CampaignMixin):
    # a page through a base class of its module
    def get_context(self, request, *args, **kwargs):
        form_id = settings.HUBSPOT_FORM_ID
        return {
            **super().get_context(request),
            "form_id": form_id,
            "campaign": request.GET.get("utm_campaign", ""),
        }


class StoryPage(Page):
    # the editors compose body; readers write answers, through AnswersForm
    body = StreamField(BodyBlock())
    answers = StreamField(BodyBlock())
