from django.shortcuts import get_object_or_404, render
from django.views.generic import DetailView, TemplateView

from .models import Story


def story(request, pk):
    story = get_object_or_404(Story, pk=pk)
    return render(request, "news/story.html", {"story": story, "teaser": story.body[:200]})


def story_print(request, pk):
    story = get_object_or_404(Story, pk=pk)
    return render(request, "news/story_print.html", {"story": story})


def feed(request):
    # a context djsec cannot list: its keys come from a helper's dict
    return render(request, "news/feed.html", feed_context(request))


def feed_context(request):
    extra = {"FEED_NOTE": request.GET.get("note", "")}
    return dict(extra, stories=Story.objects.all())


class DigestView(TemplateView):
    template_name = "news/digest.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["lead_html"] = self.request.GET.get("lead", "")
        return context


class HeadlinesMixin:
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sidebar_note"] = self.request.GET.get("note", "")
        return context


class MixedDigestView(HeadlinesMixin, TemplateView):
    # looks alike: a project mixin may set keys djsec does not list here
    template_name = "news/digest_mixed.html"


class EntryView(DetailView):
    model = Story
    context_object_name = "entry"
    template_name = "news/entry.html"

