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
