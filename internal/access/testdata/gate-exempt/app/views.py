from django.http import HttpResponse

from proj.middleware import no_login_required

from .models import Note


def delete_note(request, pk):
    Note.objects.filter(pk=pk).delete()
    return HttpResponse("ok")


@no_login_required
def welcome(request):
    return HttpResponse("hello")
