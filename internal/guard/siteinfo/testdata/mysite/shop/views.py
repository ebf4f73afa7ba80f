from django.http import HttpResponse


def home(request):
    return HttpResponse("home")


def login_help_sent(request):
    return HttpResponse("sent")


def product(request, pk):
    return HttpResponse(str(pk))
