from django.contrib.auth import get_user_model
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views import View
from django.views.generic import DeleteView, UpdateView

from .bundle import bundle_with_readme, drop_upload
from .models import Favourite, Package, PackageDownload


def download(request, name):  # safe: the only change is a count of downloads, on fetched rows
    package = get_object_or_404(Package, name=name)
    package.downloads = package.downloads + 1
    package.save()
    record, created = PackageDownload.objects.get_or_create(package=package, day=timezone.now().date())
    if not created:
        record.count += 1
        record.save()
    return HttpResponse(bundle_with_readme(package.name, "read me").getvalue())


def download_counted(request, name):  # safe: a save limited to the count field
    package = get_object_or_404(Package, name=name)
    package.download_count += 1
    package.save(update_fields=["download_count"])
    return JsonResponse({"ok": True})


def rename_and_count(request, name):  # want "view rename_and_count changes data .database write: package.save"
    package = get_object_or_404(Package, name=name)
    package.title = request.POST["title"]
    package.downloads += 1
    package.save()
    return JsonResponse({"ok": True})


def retitle(request, name):  # want "view retitle changes data .database write: package.save.update_fields=.\"title\""
    package = get_object_or_404(Package, name=name)
    package.title = request.POST["title"]
    package.save(update_fields=["title"])
    return JsonResponse({"ok": True})


def new_package(request):  # want "view new_package changes data .database write: package.save"
    package = Package(name=request.POST["name"])
    package.downloads += 1
    package.save()
    return JsonResponse({"ok": True})


def clear_upload(request, name):  # want "view clear_upload changes data through drop_upload"
    drop_upload("/srv/uploads/" + name)
    return JsonResponse({"ok": True})


class FavouriteView(View):  # safe: the row is keyed to the requester, through a name set to it
    def post(self, request, name):
        package = get_object_or_404(Package, name=name)
        user = request.user
        Favourite.objects.get_or_create(package=package, user=user)
        return JsonResponse({"ok": True})


class FavouriteForView(View):  # want "view FavouriteForView changes data .database write"
    def post(self, request, name):
        package = get_object_or_404(Package, name=name)
        user = get_user_model().objects.get(pk=request.POST["user"])
        Favourite.objects.get_or_create(package=package, user=user)
        return JsonResponse({"ok": True})


class MyAccountDelete(DeleteView):  # safe: the object is the requester's own account
    model = get_user_model()
    success_url = "/"

    def get_object(self, queryset=None):
        return self.request.user


class AccountDelete(DeleteView):  # want "view AccountDelete creates, updates or deletes objects"
    model = get_user_model()
    success_url = "/"


def check_package_access(user, package):
    if user.is_staff:
        return
    if package.maintainers.filter(pk=user.pk).exists():
        return
    raise Http404


def note_package_access(user, package):
    package.last_viewer = user.pk


class PackageEdit(UpdateView):  # safe: get_object hands the requester to a check that refuses by default
    model = Package
    fields = ["title"]

    def get_object(self, queryset=None):
        package = get_object_or_404(Package, name=self.kwargs["name"])
        check_package_access(self.request.user, package)
        return package


class PackageRetitle(UpdateView):  # want "view PackageRetitle creates, updates or deletes objects"
    model = Package
    fields = ["title"]

    def get_object(self, queryset=None):
        package = get_object_or_404(Package, name=self.kwargs["name"])
        # looks alike: the helper refuses nothing
        note_package_access(self.request.user, package)
        return package


def download_stats(request, name):  # safe: the table's columns are relabelled in memory; nothing is written
    package = get_object_or_404(Package, name=name)
    table = package.daily_counts_frame()
    table = table.div(table.sum(axis=1), axis=0).rename(columns={"value": "share"})
    return HttpResponse(table.to_csv(), content_type="text/csv")


def archive_release(request, name):  # want "file write: release.rename"
    package = get_object_or_404(Package, name=name)
    release = package.release_path()
    release.rename(package.archive_path())
    return HttpResponse("archived")
