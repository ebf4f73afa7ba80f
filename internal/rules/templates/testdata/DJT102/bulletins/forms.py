from django import forms

from .models import Bulletin, Tip


class BulletinForm(forms.ModelForm):
    class Meta:
        model = Bulletin
        fields = ["body"]


class TipForm(forms.ModelForm):
    class Meta:
        model = Tip
        fields = ["body_html"]
