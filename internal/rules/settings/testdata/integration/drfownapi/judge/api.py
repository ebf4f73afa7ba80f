import json

from django.http import JsonResponse
from django.views import View


# The project's own base of JSON views, on Django's View: DRF is installed
# for its serializers only.
class APIView(View):
    def success(self, data=None):
        return JsonResponse({"error": None, "data": data})

    def dispatch(self, request, *args, **kwargs):
        request.data = json.loads(request.body or b"{}")
        return super().dispatch(request, *args, **kwargs)
