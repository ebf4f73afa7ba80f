from django.contrib.auth.decorators import login_required
from django.utils.decorators import method_decorator

from .api import APIView
from .serializers import SubmissionSerializer


@method_decorator(login_required, name="dispatch")
class SubmissionAPI(APIView):
    def post(self, request):
        s = SubmissionSerializer(data=request.data)
        s.is_valid(raise_exception=True)
        return self.success(s.validated_data)
