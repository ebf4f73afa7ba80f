from django.http import HttpResponse


def delete_note(request, pk):
    return HttpResponse(status=204)


def login(request):
    return HttpResponse("log in")
