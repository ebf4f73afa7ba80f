from django.http import HttpResponse
from django.views import View

from .mixins import NeedsCartMixin, TokenLoginMixin


class NoteDelete(TokenLoginMixin, View):
    def post(self, request, pk):
        return HttpResponse("deleted")


class Checkout(NeedsCartMixin, View):
    def post(self, request):
        return HttpResponse("ordered")
