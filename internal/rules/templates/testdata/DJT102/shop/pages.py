from django import forms
from wagtail.fields import RichTextField
from wagtail.models import Page


class SpeakerPage(Page):
    bio_html = RichTextField(blank=True)  # written by the CMS's editors
    guest_note = RichTextField(blank=True)  # written by visitors, below


class GuestNoteForm(forms.ModelForm):
    class Meta:
        model = SpeakerPage
        fields = ["guest_note"]
