from django.core.mail import send_mail
from django.shortcuts import get_object_or_404, redirect, render

from .forms import PatronEnquiryForm, SponsorEnquiryForm, TalkForm, VenueForm
from .suggestions import store_suggestion
from .models import Conference, LocalUserGroup, Presenter, Patron, Sponsor, Talk, Venue


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


def sponsor_page(request, pk):
    form = SponsorEnquiryForm(request.POST or None)
    if form.is_valid():
        send_mail("Sponsor enquiry", form.cleaned_data["sponsor_blurb"], None, ["team@example.com"])
    return render(request, "talks/sponsor.html", {"sponsor": get_object_or_404(Sponsor, pk=pk), "form": form})


def suggest_venue(request):
    form = VenueForm(request.POST)
    if form.is_valid():
        store_suggestion(**form.cleaned_data)
    return redirect("/")


def venue_page(request, pk):
    return render(request, "talks/venue.html", {"venue": get_object_or_404(Venue, pk=pk)})
