from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import UserCreationForm
from django.http import JsonResponse
from django.views.generic import CreateView

from .models import Event


@login_required
def add_event(request):
    Event.objects.create(title=request.POST["title"])
    return JsonResponse({})


def add_event_quickly(request):  # want "view add_event_quickly changes data \\(database write: Event.objects.create.* and anyone can reach it: nothing requires"
    # its sibling asks for a login: this one may have lost its check
    Event.objects.create(title=request.POST["title"])
    return JsonResponse({})


class OwnerForm(UserCreationForm):
    pass


class FirstOwnerView(CreateView):  # want "view FirstOwnerView creates, updates or deletes objects and anyone can reach it: nothing requires"
    # the form makes a user account
    form_class = OwnerForm
    template_name = "owner.html"

