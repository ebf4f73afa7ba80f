import io
from datetime import timedelta

from django.contrib.auth.mixins import LoginRequiredMixin, UserPassesTestMixin
from django.db.models import F
from django.core.files.base import ContentFile
from django.conf import settings
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.views import View
from django.views.generic import DetailView
from PIL import Image

from .models import CachedExport, CacheSetting, DownloadLog, Flag, Invitation, Notice, Package, PackageRead, Profile, Release
from .forms import AcceptForm
from stats.models import Record

from .queries import SavedSearchSerializer, SearchRequestSerializer
from .services import badge_content, build_notes_document, fetch_gravatar, note_opened, oauth, purge_unused


class FlagApproveView(LoginRequiredMixin, UserPassesTestMixin, View):
    def test_func(self):
        return self.request.user.is_superuser

    def get(self, request, pk):  # want "FlagApproveView.get writes to the database \\(flag.approve\\(\\), self.save\\(\\)\\) on a GET request"
        flag = get_object_or_404(Flag, pk=pk)
        flag.approve()
        return redirect("flags")


class FlagRemoveView(LoginRequiredMixin, View):
    def get(self, request, pk):  # want "FlagRemoveView.get writes to the database \\(flag.delete\\(\\)\\)"
        flag = get_object_or_404(Flag, pk=pk)
        flag.delete()
        return redirect("flags")


class UsageToggleView(LoginRequiredMixin, View):
    def toggle(self, package, user):
        if package.usage.filter(pk=user.pk).exists():
            package.usage.remove(user)
        else:
            package.usage.add(user)

    def get(self, request, slug):  # want "UsageToggleView.get writes to the database \\(self.toggle\\(\\), package.usage.remove\\(user\\)\\)"
        package = get_object_or_404(Package, slug=slug)
        self.toggle(package, request.user)
        return redirect("package", slug=slug)


class PurgeView(LoginRequiredMixin, View):
    def get(self, request):  # want "PurgeView.get writes to the database \\(purge_unused\\(\\)"
        purge_unused(request.user)
        return redirect("home")


class FlagApproveByPostView(LoginRequiredMixin, View):
    def get(self, request, pk):  # safe: shows the flag; the change is in post
        return redirect("flags")

    def post(self, request, pk):
        get_object_or_404(Flag, pk=pk).approve()
        return redirect("flags")


class PackageDetailView(DetailView):
    model = Package

    def get(self, request, *args, **kwargs):  # safe: counts a view of the page it renders
        response = super().get(request, *args, **kwargs)
        Package.objects.filter(pk=self.object.pk).update(popularity=F("popularity") + 1)
        return response


class NoticeReadView(LoginRequiredMixin, View):
    def get(self, request, pk):  # safe: records that the notice was read, then goes to it
        notice = get_object_or_404(Notice, pk=pk)
        notice.read = timezone.now()
        notice.save()
        return redirect("notices")


class ProfileRedirectView(LoginRequiredMixin, View):
    def get(self, request):  # safe: makes the user's profile row the first time
        Package.objects.get_or_create(slug="welcome")
        return redirect("profile")


class GitHubCallbackView(View):
    def get(self, request):  # safe: OAuth providers call back with GET, the state parameter protects it
        Package.objects.create(slug=request.GET["code"])
        return redirect("home")


class InvitationAcceptView(View):
    def get(self, request, token):  # safe: another site cannot know the unguessable token of the link
        invitation = get_object_or_404(Invitation, token=token)
        invitation.accepted = True
        invitation.save()
        return redirect("home")


class UnroutedView(LoginRequiredMixin, View):
    def get(self, request, pk):  # safe: no URL reaches it
        Flag.objects.filter(pk=pk).delete()
        return redirect("flags")


class EmailOptOutView(LoginRequiredMixin, View):
    def get(self, request):  # want "EmailOptOutView.get writes to the database \\(self.request.user.profile.save\\(\\)\\)"
        # the requester's own account: another site's link turns it off for them
        self.request.user.profile.emails = False
        self.request.user.profile.save()
        return redirect("/")


class ThumbnailView(LoginRequiredMixin, View):
    def get(self, request, pk):  # safe: the image is saved into the response's buffer, not the database
        img = Image.open(get_object_or_404(Package, pk=pk).logo.path)
        buf = io.BytesIO()
        img.save(buf, format="PNG")
        return HttpResponse(buf.getvalue(), content_type="image/png")


class IconView(LoginRequiredMixin, View):
    def get(self, request, pk):  # safe: the icon is drawn into a buffer given by keyword
        img = Image.open(get_object_or_404(Package, pk=pk).logo.path)
        buf = io.BytesIO()
        img.save(fp=buf, format="PNG")
        return HttpResponse(buf.getvalue(), content_type="image/png")


def qr_code(text, image_format="PNG"):
    buf = io.BytesIO()
    img = Image.new("1", (64, 64))
    img.save(buf, image_format)
    return buf.getvalue()


class QRCodeView(LoginRequiredMixin, View):
    def get(self, request, pk):  # safe: the code is drawn into a buffer; the format is a parameter of the helper
        return HttpResponse(qr_code(get_object_or_404(Package, pk=pk).name), content_type="image/png")


class LogoResetView(LoginRequiredMixin, View):
    def get(self, request, pk):  # want "LogoResetView.get writes to the database \\(package.save\\(\\)\\)"
        # looks alike: an image is touched, and then the row is saved
        package = get_object_or_404(Package, pk=pk)
        package.logo = None
        package.save()
        return redirect("/")


class PackageUnreadView(LoginRequiredMixin, View):
    def get(self, request, pk):  # safe: only the requester's read marker changes (the changelog shows as unread again)
        marker = PackageRead.objects.filter(package_id=pk, user=request.user).first()
        if marker:
            marker.delete()
        else:
            marker = PackageRead(package_id=pk, user=request.user)
            marker.save()
        return redirect("/")


class PackageUnreadResetView(LoginRequiredMixin, View):
    def get(self, request, pk):  # want "PackageUnreadResetView.get writes to the database \\(package.save\\(\\)\\)"
        # looks alike: the marker goes, and the package itself is changed too
        PackageRead.objects.filter(package_id=pk, user=request.user).delete()
        package = get_object_or_404(Package, pk=pk)
        package.link = ""
        package.save()
        return redirect("/")


def log_download(user, package):
    return DownloadLog.objects.create(user=user, package=package)


class PackageFileView(LoginRequiredMixin, View):
    def get(self, request, pk):  # safe: logs the download and counts it, then sends the file
        release = get_object_or_404(Release, pk=pk)
        log_download(request.user, release.package)
        release.number_of_downloads += 1
        release.save(update_fields=["number_of_downloads"])
        return redirect("/files/%d" % release.pk)


class ReleaseYankView(LoginRequiredMixin, View):
    def get(self, request, pk):  # want "ReleaseYankView.get writes to the database \\(release.save\\(update_fields=\\[.yanked.\\]\\)\\)"
        release = get_object_or_404(Release, pk=pk)
        release.yanked = True
        release.save(update_fields=["yanked"])
        return redirect("/releases/")


class ReleaseNotesExportView(LoginRequiredMixin, View):
    def get(self, request, pk):  # safe: writes a document into memory for the download
        release = get_object_or_404(Release, pk=pk)
        document = build_notes_document(release)
        buffer = io.BytesIO()
        document.save(buffer)
        return HttpResponse(buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document")


class InviteAcceptView(LoginRequiredMixin, View):
    def get(self, request, pk):  # want "InviteAcceptView.get writes to the database \\(form.save\\(request\\)\\)"
        form = AcceptForm(instance=get_object_or_404(Invitation, pk=pk))
        form.save(request)
        return redirect("/")


class AvatarFromGravatarView(LoginRequiredMixin, View):
    def get(self, request):  # want "AvatarFromGravatarView.get writes to the database \\(request.user.profile.avatar.save"
        # a FileField's save stores the file and saves the profile too
        data = fetch_gravatar(request.user.email)
        request.user.profile.avatar.save("avatar.png", ContentFile(data))
        return redirect("/")


class BadgeFileView(LoginRequiredMixin, View):
    def get(self, request, pk):  # want "BadgeFileView.get writes to the database \\(package.badge.save"
        package = get_object_or_404(Package, pk=pk)
        badge_file = f"badges/{package.pk}.svg"
        package.badge.save(badge_file, badge_content(package), save=True)
        return redirect("/")


class InvitationCancelView(LoginRequiredMixin, View):
    def get(self, request, token):  # safe: only whoever holds the invitation's token reaches the delete
        invitation = get_object_or_404(Invitation, token=token)
        invitation.delete()
        return redirect("packages")


class ChatBindCallbackView(LoginRequiredMixin, View):
    # safe: the chat provider's redirect target, a GET by the protocol; the
    # state the flow kept is checked before anything is written
    def get(self, request):
        if not self.verify_state():
            return redirect("profile")
        profile = Profile.objects.get(user=request.user)
        profile.chat_id = request.GET["code"]
        profile.save()
        return redirect("profile")


class DirectoryCallbackView(LoginRequiredMixin, View):
    # safe: authlib's authorize_access_token compares the state with the session's
    def _token(self):
        return oauth.directory.authorize_access_token(self.request)

    def get(self, request):
        token = self._token()
        profile = Profile.objects.get(user=request.user)
        profile.directory_token = token["access_token"]
        profile.save()
        return redirect("profile")


class ChatUnbindView(LoginRequiredMixin, View):
    def get(self, request):  # want "ChatUnbindView.get writes to the database"
        profile = Profile.objects.get(user=request.user)
        profile.chat_id = ""
        profile.save()
        return redirect("profile")


class DemoResetView(LoginRequiredMixin, View):  # safe: answers 404 unless DEMO_RESET, which production turns off
    def get(self, request):
        if not settings.DEMO_RESET:
            raise Http404
        Package.objects.all().delete()
        return redirect("/")


class PackagePdfView(LoginRequiredMixin, View):  # safe: the helper only marks the packages opened, as a read marker does
    def get(self, request, pk):
        packages = Package.objects.filter(pk=pk)
        note_opened(packages)
        return HttpResponse(b"%PDF-1.4", content_type="application/pdf")


class SweepView(LoginRequiredMixin, View):
    def get(self, request):  # want "SweepView.get writes to the database"
        Package.objects.filter(usage=None).delete()
        return HttpResponse(b"{}", content_type="application/json")


# routed by this name: the route is SweepView's
sweep_view = SweepView.as_view()


class SeenUpdatesView(LoginRequiredMixin, View):
    def get(self, request):  # safe: clears the requester's own notification badge
        request.user.seen_updates = timezone.now()
        request.user.save()
        return HttpResponse()


class ThemeView(LoginRequiredMixin, View):
    def get(self, request):  # want "ThemeView.get writes to the database \\(request.user.save\\(\\)\\)"
        request.user.theme = request.GET.get("theme", "light")
        request.user.save()
        return HttpResponse()


class ApiTokenView(LoginRequiredMixin, View):
    def get(self, request):  # want "ApiTokenView.get writes to the database \\(request.user.save\\(\\)\\) on a GET request.*; but it saves only the requester's own row"
        request.user.last_name = request.user.last_name.strip()
        request.user.save()
        return self.answer({"ok": True})

    def answer(self, data):
        return HttpResponse(str(data))


class ApiTokenResetView(LoginRequiredMixin, View):
    def get(self, request):  # want "ApiTokenResetView.get writes to the database \\(profile.save\\(\\)\\) on a GET request, which Django's CSRF check leaves alone: another site can make a logged-in user's browser fetch /me/token/reset/, and the change is made in their name$"
        # looks alike: the query string chooses what is written
        profile = request.user.profile
        profile.note = request.GET.get("note", "")
        profile.save()
        return HttpResponse("ok")


class ApiTokenDropView(LoginRequiredMixin, View):
    def get(self, request):  # want "ApiTokenDropView.get writes to the database \\(request.user.save\\(\\)\\) on a GET request, which Django's CSRF check leaves alone: another site can make a logged-in user's browser fetch /me/token/drop/, and the change is made in their name$"
        # looks alike: a method of the view writes another row too
        request.user.save()
        self.forget()
        return HttpResponse("ok")

    def forget(self):
        Notice.objects.all().delete()


class ConeSearchView(LoginRequiredMixin, View):  # safe: the only row written records the search in the usage statistics
    def get(self, request):
        Record.objects.create(time=timezone.now(), resource=dict(request.GET), client_ip=request.META.get("REMOTE_ADDR"))
        return HttpResponse("table")


class ConeSaveView(LoginRequiredMixin, View):
    def get(self, request):  # want "ConeSaveView.get writes to the database \\(Package.objects.create\\(name=request.GET\\[\"name\"\\]\\)\\) on a GET request"
        # looks alike: a row of the site's own data
        Package.objects.create(name=request.GET["name"])
        return HttpResponse("saved")


class ChangelogExportView(LoginRequiredMixin, View):
    def get(self, request, pk):  # safe: keeps the export it sends in a cache row that expires
        release = get_object_or_404(Release, pk=pk)
        export = CachedExport.objects.create(expires=timezone.now() + timedelta(hours=1), filename="changes-%d.txt" % release.pk)
        return redirect("/exports/%d" % export.pk)


class ExportDaysView(LoginRequiredMixin, View):
    def get(self, request, days):  # want "ExportDaysView.get writes to the database \\(CacheSetting.objects.create\\(days=days\\)\\)"
        # looks alike: the model's name starts with Cache, but its rows are settings
        CacheSetting.objects.create(days=days)
        return redirect("/exports/")


class FlagPurgeView(View):
    def get(self, request):  # safe here: acts for no visitor, so a forged link does no more than a direct request (DJC213's finding)
        Flag.objects.filter(pk__in=request.GET.getlist("id")).delete()
        return redirect("flags")


class PackageStarView(View):
    def get(self, request, pk):  # want "PackageStarView.get writes to the database \\(package.usage.add\\(request.user\\)\\)"
        # no login asked, but it acts for whoever the cookies name
        package = get_object_or_404(Package, pk=pk)
        package.usage.add(request.user)
        return redirect("home")


class PackageSheetView(LoginRequiredMixin, View):
    def get(self, request, pk):  # safe: saves a spreadsheet to a scratch file, not a row
        import tempfile

        sheet = build_sheet(get_object_or_404(Package, pk=pk))
        tmp = tempfile.NamedTemporaryFile(suffix=".xlsx")
        sheet.save(tmp.name)
        return HttpResponse(open(tmp.name, "rb").read())


def build_sheet(package):
    from .services import sheet_for

    return sheet_for(package)


from .notices import Tally, add_notice


class NoticeView(LoginRequiredMixin, View):
    def get(self, request):  # safe: the notice goes into the requester's own session
        add_notice(request, "nothing to show")
        return redirect("home")


class TallyView(LoginRequiredMixin, View):
    def get(self, request, pk):  # want "TallyView.get writes to the database \\(tally.save\\(\\)\\)"
        tally = Tally(get_object_or_404(Package, pk=pk))
        tally.append(request.user.pk)
        tally.save()
        return redirect("home")


class InvitationJoinView(LoginRequiredMixin, View):
    # safe: get_object fetches the invitation by the key of the link it was
    # mailed with, for the requester alone; another site cannot know it
    def get(self, request, key):
        invitation = self.get_object()
        invitation.accepted = True
        invitation.save()
        return redirect("packages")

    def get_object(self):
        return get_object_or_404(Invitation, token=self.kwargs["key"].lower())


class InvitationTakeView(LoginRequiredMixin, View):
    def get(self, request, pk):  # want "InvitationTakeView.get writes to the database \\(invitation.save\\(\\)\\)"
        invitation = self.get_object()
        invitation.accepted = True
        invitation.save()
        return redirect("packages")

    def get_object(self):
        return get_object_or_404(Invitation, pk=self.kwargs["pk"])


class PackageSearchView(LoginRequiredMixin, View):
    # safe: the serializer's save() only builds the search's parameters in memory
    def get(self, request):
        params = SearchRequestSerializer(data=request.GET)
        params.is_valid(raise_exception=True)
        search = params.save()
        return JsonResponse({"text": search.text, "page": search.page})


class PackageSavedSearchView(LoginRequiredMixin, View):
    def get(self, request):  # want "PackageSavedSearchView.get writes to the database \\(saved.save\\(\\)\\)"
        saved = SavedSearchSerializer(data=request.GET)
        saved.is_valid(raise_exception=True)
        saved.save()
        return JsonResponse({})
