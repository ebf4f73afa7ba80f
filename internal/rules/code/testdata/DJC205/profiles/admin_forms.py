from django import forms

from .models import TeamInvite


class TeamInviteAdminForm(forms.ModelForm):
    class Meta:
        model = TeamInvite
        fields = "__all__"  # want "TeamInviteAdminForm exposes every model field \\(fields = \"__all__\"\\): it is an admin form, which only staff submit"
