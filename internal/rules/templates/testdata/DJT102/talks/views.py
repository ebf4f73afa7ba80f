from django.shortcuts import get_object_or_404, redirect, render

from .forms import TalkForm
from .models import Conference, Talk


def submit_talk(request, conference_id):
    conference = get_object_or_404(Conference, pk=conference_id)
    form = TalkForm(request.POST)
    if form.is_valid():
        Talk.objects.create(
            conference=conference,
            title=form.cleaned_data["title"],
            description=form.cleaned_data["description"],
        )
        return redirect("/")
    return render(request, "talks/submit.html", {"form": form, "conference": conference})


def update_talk(request, pk):
    talk = get_object_or_404(Talk, pk=pk)
    form = TalkForm(request.POST)
    if form.is_valid():
        talk.abstract = form.cleaned_data["abstract"]
        talk.save()
    return render(request, "talks/talk.html", {"talk": talk, "conference": talk.conference})
