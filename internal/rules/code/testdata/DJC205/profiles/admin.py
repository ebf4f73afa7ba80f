from django import forms
from django.contrib import admin

from .forms import InviteInlineForm
from .models import Membership, TeamInvite


class MembershipAdminForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = "__all__"  # want "MembershipAdminForm exposes every model field \\(fields = \"__all__\"\\): it is an admin form, which only staff submit, and it can set is_admin, user;"


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    form = MembershipAdminForm


class InviteInline(admin.TabularInline):
    model = TeamInvite
    form = InviteInlineForm
