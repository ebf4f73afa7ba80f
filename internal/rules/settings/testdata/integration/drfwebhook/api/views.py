import hashlib
import hmac

from django.conf import settings
from rest_framework import permissions, viewsets
from rest_framework.decorators import api_view
from rest_framework.response import Response

from .models import Note


class NoteViewSet(viewsets.ModelViewSet):
    queryset = Note.objects.all()
    permission_classes = [permissions.IsAuthenticated]


@api_view(["POST"])
def delivery_hook(request):
    # the courier signs each call: the default permission lets it in, the
    # signature decides
    signature = request.headers.get("X-Courier-Signature", "")
    expected = hmac.new(settings.COURIER_KEY.encode(), request.body, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(signature, expected):
        return Response(status=403)
    Note.objects.create(text=request.data["text"])
    return Response({"ok": True})
