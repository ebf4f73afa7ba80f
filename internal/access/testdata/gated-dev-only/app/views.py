from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse


def home(request):
    return HttpResponse("home")


@login_not_required
def welcome(request):
    return HttpResponse("welcome")
