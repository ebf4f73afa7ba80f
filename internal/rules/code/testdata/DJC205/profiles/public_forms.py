from django import forms

from .models import TeamInvite


class InviteInlineForm(forms.ModelForm):
    # the admin's inline names the form of forms.py, not this namesake
    class Meta:
        model = TeamInvite
        fields = "__all__"  # want "InviteInlineForm exposes every model field \\(fields = \"__all__\"\\): whoever submits the form can set created_by"
