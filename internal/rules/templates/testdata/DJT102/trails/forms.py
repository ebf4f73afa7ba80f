from django import forms

from .models import Member, Theme, Trail, Logbook


class BaseTrailForm(forms.ModelForm):
    class Meta:
        model = Trail
        fields = ["trail_name"]


class TrailForm(BaseTrailForm):
    # its Meta keeps BaseTrailForm's model: it writes the field_notes of
    # Trail, not those of Guide
    class Meta(BaseTrailForm.Meta):
        fields = ["trail_name", "field_notes"]


class ThemeSuggestionForm(forms.ModelForm):
    class Meta:
        model = Theme
        fields = ["theme_name"]


class MemberForm(forms.ModelForm):
    class Meta:
        model = Member
        fields = ["motto_html"]


class RouteNotesForm(forms.ModelForm):
    class Meta:
        model = Trail
        fields = ["route_notes"]


class TrailPublicForm(forms.ModelForm):
    class Meta:
        model = Trail
        fields = ["visitor_notes"]


class LogbookForm(forms.ModelForm):
    class Meta:
        model = Logbook
        fields = ["logtext"]
