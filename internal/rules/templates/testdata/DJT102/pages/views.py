from django.shortcuts import render

from .forms import AnswersForm
from .models import StoryPage


def api_docs(request):
    # the project renders the library's template itself, with a context
    # of its own: the library's values are not what it holds
    return render(request, "drf-yasg/redoc.html", {"redoc_settings": request.GET.get("theme", "")})


def answer(request, pk):
    # any visitor adds to a story's answers
    form = AnswersForm(request.POST, instance=StoryPage.objects.get(pk=pk))
    if form.is_valid():
        form.save()
    return render(request, "pages/story_page.html", {"page": form.instance})
