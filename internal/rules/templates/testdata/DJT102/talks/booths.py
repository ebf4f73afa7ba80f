from django import forms
from django.shortcuts import render

from bulletins.models import Booth


class BoothForm(forms.Form):
    # a search box that shares its name with the admin's form of booths
    q = forms.CharField(required=False)


def booths(request):
    form = BoothForm(request.GET)
    rows = Booth.objects.all()
    if form.is_valid() and form.cleaned_data["q"]:
        rows = rows.filter(booth_html__icontains=form.cleaned_data["q"])
    return render(request, "talks/booths.html", {"booth": rows.first(), "form": form})
