from django import forms
from django.template import Context, Template

from .models import MailTemplate


class MailTemplateForm(forms.ModelForm):
    # only the admin uses it: staff write mail templates by design
    def clean_content(self):
        content = self.cleaned_data["content"]
        Template(content).render(Context({}))  # want "template source built from request data .* reaches django.template.Template; the form MailTemplateForm is used only by the admin \\(pages/admin.py\\)"
        return content

    class Meta:
        model = MailTemplate
        fields = ["content"]


class GreetingForm(forms.Form):
    # looks alike: a public form, used by a view
    greeting = forms.CharField()

    def clean_greeting(self):
        greeting = self.cleaned_data["greeting"]
        Template(greeting).render(Context({}))  # want "template source built from request data \\(self.cleaned_data\\[.greeting.\\]\\) reaches django.template.Template$"
        return greeting
