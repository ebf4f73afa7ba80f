from django.core.mail import send_mail
from django.shortcuts import get_object_or_404, redirect, render

from .forms import PatronEnquiryForm, TalkForm
from .models import Conference, LocalUserGroup, Presenter, Patron, Talk


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


def user_group(request, pk, presenter_pk):
    form = PatronEnquiryForm(request.POST or None)
    if form.is_valid():
        send_mail("Patron enquiry", form.cleaned_data["pitch"], None, ["team@example.com"])
    context = {
        "user_group": get_object_or_404(LocalUserGroup, pk=pk),
        "lead_presenter": get_object_or_404(Presenter, pk=presenter_pk),
        "patron": Patron.objects.first(),
        "form": form,
    }
    return render(request, "talks/group.html", context)


def environment(request):
    # the request's headers and environment, under a name that templates
    # otherwise give the project's settings
    return render(request, "talks/environ.html", {"settings": request.META})
