from django.contrib.auth import get_user_model
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.generic import CreateView, UpdateView

from .forms import EventForm, ReasonForm
from .models import Answer, Event


class SuggestEventView(CreateView):  # want "view SuggestEventView .* and anyone can reach it .*; but it only adds new rows \\(its Django or DRF base creates them\\)"
    model = Event
    form_class = EventForm


class SuggestNamedEventView(CreateView):  # want "view SuggestNamedEventView changes data .*; but it only adds new rows \\(self.object.save\\(\\)\\)"
    model = Event
    form_class = EventForm

    def form_valid(self, form):
        self.object = form.save(commit=False)
        self.object.status = "suggested"
        self.object.save()
        return redirect("/")


def answer_quiz(request, pk):  # want "view answer_quiz changes data .*; but it only adds new rows \\(answer.save\\(\\)\\)"
    event = get_object_or_404(Event, pk=pk)
    answer = Answer(event=event, age=int(request.POST["age"]))
    answer.save()
    return JsonResponse({"id": answer.pk})


def give_reason(request):  # want "view give_reason changes data .*; but it only adds new rows \\(reason.save\\(\\)\\)"
    form = ReasonForm(request.POST)
    if form.is_valid():
        reason = form.save(commit=False)
        reason.save()
    return redirect("/")


def count_answer(request, pk):  # want "view count_answer changes data .*; but it only adds new rows \\(Answer.objects.create"
    Answer.objects.create(event_id=pk)
    return JsonResponse({})


def edit_event(request, pk):  # want "view edit_event changes data \\(database write: form.save\\(\\)\\) and anyone can reach it: nothing requires"
    event = get_object_or_404(Event, pk=pk)
    form = EventForm(request.POST, instance=event)
    if form.is_valid():
        form.save()
    return redirect("/")


def suggest_and_close(request, pk):  # want "view suggest_and_close changes data \\(database write: Answer.objects.create\\(event_id=pk\\)\\) and anyone can reach it: nothing requires"
    Answer.objects.create(event_id=pk)
    Event.objects.filter(pk=pk).update(open=False)
    return JsonResponse({})


class EditEventView(UpdateView):  # want "view EditEventView creates, updates or deletes objects and anyone can reach it: nothing requires"
    model = Event
    form_class = EventForm


def make_member(request):  # want "view make_member changes data \\(database write: get_user_model\\(\\).objects.create.* and anyone can reach it: nothing requires"
    # a new account is someone who may log in: no public form's row
    get_user_model().objects.create(username=request.POST["name"])
    return JsonResponse({})


def close_events(request):  # want "view close_events changes data \\(database write: events.update\\(open=False\\)\\) and anyone can reach it: nothing requires"
    events = Event.objects.filter(pk__in=request.POST.getlist("ids"))
    events.update(open=False)
    return JsonResponse({})


def merge_options(request):  # safe: a dict's update, in memory
    options = {"zoom": 1}
    options.update(scroll=False)
    return JsonResponse(options)


CALENDAR_PATH = "/srv/site/calendar.ics"


def read_calendar(request):  # safe: a file opened for update that the view only reads
    calendar = open(CALENDAR_PATH, "r+")
    text = calendar.read()
    calendar.close()
    return JsonResponse({"ics": text})


def stamp_calendar(request):  # want "view stamp_calendar changes data \\(file write: open\\(CALENDAR_PATH, .r\\+.\\)\\) and anyone can reach it: nothing requires"
    with open(CALENDAR_PATH, "r+") as calendar:
        calendar.write("BEGIN:VCALENDAR\r\n")
    return JsonResponse({})
