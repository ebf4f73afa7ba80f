from django import forms
from django.utils.http import url_has_allowed_host_and_scheme

from .models import Order


class PickForm(forms.Form):
    order = forms.ModelChoiceField(queryset=Order.objects.all())
    return_url = forms.CharField(required=False)


class LoginForm(forms.Form):
    email = forms.EmailField()
    redirect_url = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, host, *args, **kwargs):
        self.host = host
        super().__init__(*args, **kwargs)

    def clean_redirect_url(self):
        url = self.cleaned_data["redirect_url"].strip()
        if url and url_has_allowed_host_and_scheme(url, {self.host}):
            return url


class OrderMergeForm(forms.Form):
    orders = forms.ModelMultipleChoiceField(queryset=Order.objects.all())


class ShopPickForm(forms.Form):
    shop = forms.ModelChoiceField(queryset=Order.objects.all())
    landing = forms.CharField(required=False)
