from django import forms


class TalkForm(forms.Form):
    title = forms.CharField()
    description = forms.CharField(widget=forms.Textarea)
    abstract = forms.CharField(widget=forms.Textarea)
    summary_html = forms.CharField()  # a form field no handler stores
