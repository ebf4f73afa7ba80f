from django import forms


class ProductFilterForm(forms.Form):
    colour = forms.CharField(max_length=20)
