from stronghold.decorators import public
from django.http import HttpResponse

from .models import Note


def delete_note(request, pk):
    Note.objects.filter(pk=pk).delete()
    return HttpResponse("ok")


@public
def welcome(request):
    return HttpResponse("Welcome")
