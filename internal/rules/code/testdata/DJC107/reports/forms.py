from django import forms


class QuarterForm(forms.Form):
    quarter = forms.IntegerField()
    year = forms.IntegerField()


class QuarterLabelForm(forms.Form):
    # another form names its quarter field the same, as text
    quarter = forms.CharField()
    year = forms.CharField()
