from django.http import JsonResponse

from .curated import OwnerForm


def make_owner(request):  # want "view make_owner changes data \\(database write: form.save\\(\\)\\) and anyone can reach it: nothing requires"
    # the form makes a user account, who may then log in
    form = OwnerForm(request.POST)
    if form.is_valid():
        form.save()
    return JsonResponse({})
