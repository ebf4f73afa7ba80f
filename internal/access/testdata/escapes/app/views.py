from django.http import HttpResponse


def notes(request):
    return HttpResponse("notes")


def inbox(request):
    return HttpResponse("inbox")
