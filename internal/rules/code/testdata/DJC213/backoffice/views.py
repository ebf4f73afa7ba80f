from django.http import JsonResponse
from django.shortcuts import get_object_or_404

from .models import Banner


def publish_banner(request, pk):  # safe: staff_only wraps every pattern of backoffice.urls
    banner = get_object_or_404(Banner, pk=pk)
    banner.live = True
    banner.save()
    return JsonResponse({"ok": True})


def retire_banner(request, pk):  # safe: included from backoffice.urls, under staff_only
    Banner.objects.filter(pk=pk).update(live=False)
    return JsonResponse({"ok": True})


def edit_banner(request, pk):  # safe: editors_only, whose helper raises PermissionDenied
    Banner.objects.filter(pk=pk).update(text=request.POST["text"])
    return JsonResponse({"ok": True})


def bump_banner(request, pk):  # want "view bump_banner changes data"
    Banner.objects.filter(pk=pk).update(live=True)
    return JsonResponse({"ok": True})


def archive_report(request, pk):  # safe: registered from a hook, mounted where no URLconf says
    Banner.objects.filter(pk=pk).delete()
    return JsonResponse({"ok": True})


def purge_export(request, pk):  # want "view purge_export changes data"
    Banner.objects.filter(pk=pk).delete()
    return JsonResponse({"ok": True})
