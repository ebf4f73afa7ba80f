from django import forms

from .models import Membership


class MembershipEditBase(forms.ModelForm):
    class Meta:
        model = Membership
        exclude = ("user", "is_admin")  # want "MembershipEditBase uses exclude: fields added to the model later"


class MembershipTeamBase(forms.ModelForm):
    class Meta:
        model = Membership
        exclude = ("team",)  # want "MembershipTeamBase uses exclude: whoever submits the form can set is_admin, user$"
