from django import forms

from . import base_forms
from .base_forms import MembershipEditBase, MembershipTeamBase
from .models import Membership


# The lists these forms take from a base form's Meta are read there.
class MembershipNoteForm(MembershipEditBase):
    class Meta:
        model = Membership
        exclude = MembershipEditBase.Meta.exclude  # want "MembershipNoteForm uses exclude: fields added to the model later"


class MembershipRoleForm(MembershipEditBase):
    class Meta:
        model = Membership
        exclude = list(base_forms.MembershipEditBase.Meta.exclude) + ["team"]  # want "MembershipRoleForm uses exclude: fields added to the model later"


class MembershipPickForm(forms.ModelForm):
    class Meta:
        model = Membership
        exclude = MembershipTeamBase.Meta.exclude  # want "MembershipPickForm uses exclude: whoever submits the form can set is_admin, user$"


class MembershipFlagForm(forms.ModelForm):
    class Meta:
        model = Membership
        exclude = MembershipTeamBase.Meta.exclude + ("is_admin",)  # want "MembershipFlagForm uses exclude: whoever submits the form can set user$"
