from django.http import HttpResponse

from .models import Note


def delete_note(request, pk):
    Note.objects.filter(pk=pk).delete()
    return HttpResponse("ok")
