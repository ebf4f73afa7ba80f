from django.conf import settings
from django.http import HttpResponse, Http404
from django.views import View

from app.models import File


def local_upload(request, pk):
    """The stand-in for the storage service's presigned uploads."""
    if not settings.DEBUG:
        return HttpResponse(status=400)
    File.objects.filter(pk=pk).update(data=request.body)
    return HttpResponse(status=204)


class LocalStore(View):
    def dispatch(self, request, *args, **kwargs):
        if not settings.DEBUG:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def post(self, request):
        File.objects.create(data=request.body)
        return HttpResponse(status=204)


def beta_upload(request, pk):
    # looks alike: a feature switch, on in production too
    if not settings.UPLOADS_BETA:
        return HttpResponse(status=404)
    File.objects.filter(pk=pk).update(data=request.body)
    return HttpResponse(status=204)


def upload(request, pk):
    File.objects.filter(pk=pk).update(data=request.body)
    if not settings.DEBUG:
        return HttpResponse(status=204)
    return HttpResponse("stored %d bytes" % len(request.body))
