from django import forms

from .models import Address, Profile


class ProfileForm(forms.ModelForm):
    class Meta:
        model = Profile
        fields = "__all__"  # want "ProfileForm exposes every model field"


class AddressForm(forms.ModelForm):
    class Meta:
        model = Address
        exclude = ["user"]  # want "AddressForm uses exclude"


class BioForm(forms.ModelForm):
    class Meta:
        model = Profile
        fields = ["display_name", "bio"]  # safe: explicit list


class SearchForm(forms.Form):
    fields = "__all__"  # safe: not a ModelForm
