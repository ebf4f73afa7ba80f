from django import forms


class TicketFilterForm(forms.Form):
    status = forms.CharField(required=False)
    priority = forms.IntegerField(required=False)
