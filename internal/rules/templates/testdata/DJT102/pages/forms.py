from django import forms

from .models import StoryPage


class AnswersForm(forms.ModelForm):
    class Meta:
        model = StoryPage
        fields = ["answers"]
