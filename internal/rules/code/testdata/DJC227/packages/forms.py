from django import forms

from .models import Invitation


class AcceptForm(forms.ModelForm):
    class Meta:
        model = Invitation
        fields = []

    def save(self, request):
        self.instance.accepted_by = request.user
        return super().save()
