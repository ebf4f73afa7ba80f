from django.http import JsonResponse
from django.views import View

from app.models import Board


class BoardAPI(View):
    def post(self, request):
        Board.objects.create(title=request.POST["title"])
        return JsonResponse({})
