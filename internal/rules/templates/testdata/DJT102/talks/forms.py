from django import forms
from django_contact_form.forms import ContactForm

from .models import Presenter


class TalkForm(forms.Form):
    title = forms.CharField()
    description = forms.CharField(widget=forms.Textarea)
    abstract = forms.CharField(widget=forms.Textarea)
    summary_html = forms.CharField()  # a form field no handler stores


class PresenterForm(forms.ModelForm):
    class Meta:
        model = Presenter
        fields = ["motto"]


class BaseEnquiryForm(forms.Form):
    pitch = forms.CharField()


class PatronEnquiryForm(BaseEnquiryForm):
    # built on a plain form: it writes no model, and its view only mails it
    company = forms.CharField()


class PressEnquiryForm(ContactForm):
    # django-contact-form's ContactForm mails what it is given
    pitch = forms.CharField(widget=forms.Textarea)


class HoneypotMixin:
    # a spam check: methods only, no field of a model
    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError("spam")
        return ""


class SponsorEnquiryForm(HoneypotMixin, forms.Form):
    # a plain form with a mixin of the project's: its view only mails it
    sponsor_blurb = forms.CharField(widget=forms.Textarea)
    website = forms.CharField(required=False)


class VenueForm(forms.Form):
    venue_notes = forms.CharField(widget=forms.Textarea)


class ShelfFilterForm(forms.Form):
    # the search box of the shelf; its data only looks rows up
    shelf_note = forms.CharField(required=False)


class ShelfPagerForm(forms.Form):
    shelf_label = forms.CharField(required=False)
    page = forms.IntegerField(required=False)
