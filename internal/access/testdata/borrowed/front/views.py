from django.contrib.auth.decorators import login_required
from django.http import HttpResponse


@login_required
def preferences(request):
    return HttpResponse("prefs")


def about(request):
    return HttpResponse("about")
