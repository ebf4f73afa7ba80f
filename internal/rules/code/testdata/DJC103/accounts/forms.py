from django import forms

from .models import Order


class PickForm(forms.Form):
    order = forms.ModelChoiceField(queryset=Order.objects.all())
    return_url = forms.CharField(required=False)
