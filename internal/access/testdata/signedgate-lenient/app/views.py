from django.http import HttpResponse
from django.utils.decorators import method_decorator
from django.views import View

from proj.middleware import signature_exempt

from .models import Note


def delete_note(request, pk):
    Note.objects.filter(pk=pk).delete()
    return HttpResponse("ok")


@method_decorator(signature_exempt, name="dispatch")
class MailHook(View):
    def post(self, request):
        Note.objects.create(body=request.POST["body"])
        return HttpResponse("ok")
