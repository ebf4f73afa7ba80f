from django.shortcuts import get_object_or_404, render

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
