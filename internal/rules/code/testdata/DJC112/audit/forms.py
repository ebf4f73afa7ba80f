from django import forms


class ProfileForm(forms.Form):
    nickname = forms.CharField(max_length=30)
