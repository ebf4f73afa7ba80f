from django import forms

from .models import Event, Reason


class EventForm(forms.ModelForm):
    class Meta:
        model = Event
        fields = ["title"]


class ReasonForm(forms.ModelForm):
    class Meta:
        model = Reason
        fields = ["text"]
