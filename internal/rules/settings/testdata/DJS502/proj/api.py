from rest_framework.response import Response
from rest_framework.views import APIView


# an API view of the project, which the settings' default permission decides
class PingView(APIView):
    def post(self, request):
        return Response({"ok": True})
