import os
import subprocess
import uuid
from pathlib import Path

import requests
from furl import furl
import stripe
from django.contrib.auth.hashers import check_password
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.mail import send_mail
from django.db.models import F
from django.http import Http404, HttpResponse, HttpResponseForbidden, JsonResponse
from django.views import View
from django.views.generic import UpdateView

from externallib.access import require_role
from serverkeys import ServerAccess

from .auth import MemberRequiredMixin, require_api_key
from .auth.keys import basic_key_noted, basic_key_required, track_usage
from .auth.mixins import MemberViewBase
from .errors import Http403
from .models import ApiKey, Client, Donation, Menu, Note, SiteSettings


@require_api_key
def create_note(request):  # safe: API key checked by a decorator re-exported by the package
    Note.objects.create(text=request.POST["text"])
    return JsonResponse({"ok": True})


class NoteEdit(MemberRequiredMixin, View):  # safe: the mixin redirects anonymous users
    def post(self, request, pk):
        Note.objects.filter(pk=pk).update(text=request.POST["text"])
        return JsonResponse({"ok": True})


class NoteDelete(MemberViewBase, View):  # safe: mixin reached through a base class in another module
    def post(self, request, pk):
        Note.objects.filter(pk=pk).delete()
        return JsonResponse({"ok": True})


@track_usage
def count_hit(request):  # want "view count_hit changes data \\(cache write: cache.incr"
    cache.incr("hits")
    return HttpResponse("ok")


def preview_tags(request):  # safe: in-memory updates only
    tags = set()
    tags.update(request.GET.getlist("tag"))
    seen = {}
    seen.update({"n": len(tags)})
    return JsonResponse({"tags": sorted(tags)})


def note_search(request):  # safe: the alias goes into the SQL the queryset builds, in memory
    notes = Note.objects.filter(text__icontains=request.GET.get("q", ""))
    notes.query.external_aliases.add("search")
    return JsonResponse({"count": notes.count()})


def share_link(request):  # safe: the query of a URL object, edited in memory
    url = furl(request.build_absolute_uri())
    url.query.remove("token")
    return JsonResponse({"url": url.url})


def forward(request):  # safe: an outgoing request changes nothing here
    requests.post("https://hooks.example.com/relay", data=request.POST)
    return HttpResponse("ok")


def touch_note(request, code):  # safe: the unguessable uuid in the URL is the credential
    Note.objects.filter(code=code).update(text="")
    return HttpResponse("ok")


def confirm_note(request, signed):  # safe: acts only on a signed value
    pk = signing.loads(signed, max_age=3600)
    Note.objects.filter(pk=pk).delete()
    return HttpResponse("ok")


@require_role("editor")
def archive_note(request, pk):  # safe: a third-party decorator djsec cannot see into
    Note.objects.filter(pk=pk).delete()
    return HttpResponse("ok")


def export_notes(request):  # want "view export_notes changes data \\(file write: open"
    with open("/tmp/notes.txt", "w") as f:
        f.write("\n".join(n.text for n in Note.objects.all()))
    return HttpResponse("ok")


def remember_choice(request):  # safe: an anonymous visitor changes only its own session
    request.session["choice"] = request.GET.get("choice")
    return HttpResponse("ok")


def notify(request):  # want "e-mail: send_mail"
    send_mail("Hello", request.POST["body"], "noreply@example.com", ["team@example.com"])
    return HttpResponse("ok")


def rebuild(request):  # want "shell command: subprocess.run"
    subprocess.run(["make", "html"], check=True)
    return HttpResponse("ok")


def login_help(request):  # safe: anonymous users need it
    request.session["asked_help"] = True
    return HttpResponse("ok")


def note_preview(request, pk):  # safe: builds a cached derivative only when none exists
    if preview := Note.objects.filter(pk=pk, text__startswith="preview:").first():
        return HttpResponse(preview.text)
    preview = Note(text="preview:" + Note.objects.get(pk=pk).text[:50])
    preview.save()
    return HttpResponse(preview.text)


def note_reset(request, pk):  # want "view note_reset changes data"
    if Note.objects.filter(pk=pk, text="").exists():
        return HttpResponse("already empty")
    Note.objects.filter(pk=pk).update(text="")
    return HttpResponse("ok")


def optout(request):  # safe: anyone may ask to stop receiving the project's e-mail
    Note.objects.create(text=request.POST["email"])
    return HttpResponse("check your mail")


def demo_entries(request):  # safe: a demo account made for visitors who want to try the site
    Note.objects.create(text="sample")
    return HttpResponse("ok")


def demote_member(request):  # want "view demote_member changes data"
    Note.objects.filter(text=request.POST["member"]).delete()
    return HttpResponse("ok")


def options(request):  # want "view options changes data"
    Note.objects.create(text=request.POST["option"])
    return HttpResponse("ok")


def subscribe_newsletter(request):  # safe: anonymous visitors subscribe by purpose
    Note.objects.create(text=request.POST["email"])
    return HttpResponse("ok")


def _forget(pk):
    Note.objects.filter(pk=pk).delete()


def forget_note(request, pk):  # want "view forget_note changes data through _forget \\(database write: Note.objects.filter"
    _forget(pk)
    return HttpResponse("ok")


def forget_own_note(request, pk):  # safe: the helper is called for logged-in users only
    if not request.user.is_anonymous:
        _forget(pk)
    return HttpResponse("ok")


def forget_note_after_check(request, pk):  # safe: anonymous visitors are sent away before the helper runs
    if not request.user.is_authenticated:
        return HttpResponse(status=401)
    _forget(pk)
    return HttpResponse("ok")


def forget_note_for_anonymous(request, pk):  # want "view forget_note_for_anonymous changes data through _forget"
    if request.user.is_anonymous:
        _forget(pk)
    return HttpResponse("ok")


def edit_note(request, pk):  # safe: the writes come after a refusal of whoever the note does not let edit
    note = Note.objects.get(pk=pk)
    editable = note.is_editable(request.user)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "preview":
            pass
        elif not editable:
            return HttpResponse(status=403)
        elif action == "delete":
            note.delete()
    return HttpResponse("ok")


def drop_public_note(request, pk):  # want "view drop_public_note changes data .database write: note.delete"
    note = Note.objects.get(pk=pk)
    if not note.is_public():
        return HttpResponse(status=404)  # asks the note, not about the requester
    note.delete()
    return HttpResponse("ok")


def _summary(pk):
    return Note.objects.get(pk=pk).text[:20]


def note_summary(request, pk):  # safe: the helper only reads
    return HttpResponse(_summary(pk))


def note_stats(user_id):
    key = "note-stats:%s" % user_id
    stats = cache.get(key)
    if stats is None:
        stats = {"notes": Note.objects.filter(owner_id=user_id).count()}
        cache.set(key, stats, 60 * 60)
    return stats


def stats_page(request, user_id):  # safe: the helper only fills a cache of what it computes
    return JsonResponse(note_stats(user_id))


def top_notes(request):  # safe: get_or_set computes on a miss and keeps the result
    ids = cache.get_or_set("top-notes", lambda: list(Note.objects.values_list("id", flat=True)[:10]), 300)
    return JsonResponse({"ids": ids})


def note_key(note_id):
    return "note:%s" % note_id


def canonical_note(note_id):
    note = cache.get(note_key(note_id))
    if note is None:
        note = Note.objects.filter(pk=note_id).first() or Note.objects.first()
        cache.set(note_key(note.pk), note)  # stored under the id found: the same key function
    return note


def note_page(request, note_id):  # safe: the helper fills a cache under keys its own key function makes
    return HttpResponse(canonical_note(note_id).text)


def get_cached_fragment(name):
    key = "fragment:%s" % name
    return key, cache.get(key)


def set_cached_fragment(key, html):
    cache.set(key, html, 600)


def fragment(request, name):  # safe: set_cached_fragment stores what get_cached_fragment missed
    key, html = get_cached_fragment(name)
    if html is None:
        html = "<b>%s</b>" % Note.objects.count()
        set_cached_fragment(key, html)
    return HttpResponse(html)


def pin_fragment(request, name):  # want "view pin_fragment changes data through set_cached_fragment .cache write"
    set_cached_fragment("pinned", request.GET.get("html", ""))
    return HttpResponse("ok")


def last_reader(request):  # want "view last_reader changes data \\(cache write: cache.set"
    previous = cache.get("reader")
    cache.set("last-reader", request.META.get("REMOTE_ADDR"), 300)
    return JsonResponse({"previous": previous})


class NoteRenew(UpdateView):  # safe: get_object reads the note's id from a signed token
    model = Note
    fields = ["text"]

    def get_object(self):
        try:
            pk = signing.loads(self.kwargs["token"], max_age=30 * 24 * 3600)
        except signing.BadSignature:
            raise Http404("no such note")
        return Note.objects.get(pk=pk)


class NoteRename(UpdateView):  # want "view NoteRename creates, updates or deletes objects"
    model = Note
    fields = ["text"]

    def get_object(self):
        return Note.objects.get(pk=self.kwargs["pk"])


def checkout_session(request):  # safe: a request to the payment provider's API, not a write to the site's data
    session = stripe.checkout.Session.create(mode="payment", line_items=[{"price": request.POST["price"], "quantity": 1}])
    return JsonResponse({"id": session.id})


def donate(request):  # want "view donate changes data \\(database write: Donation.objects.create"
    session = stripe.checkout.Session.create(mode="payment")
    Donation.objects.create(session=session.id, amount=request.POST["amount"])
    return JsonResponse({"id": session.id})


class GitHubCallbackEndpoint(View):  # safe: the identity provider sends the visitor here to sign in
    def get(self, request):
        Note.objects.create(text="signed in with GitHub")
        return JsonResponse({"ok": True})


class PaymentCallbackView(View):  # want "view PaymentCallbackView changes data"
    def post(self, request):
        Donation.objects.create(session=request.POST["session"], amount=request.POST["amount"])
        return JsonResponse({"ok": True})


class NoteVote(View):  # safe: the note's own rule decides who may vote, and says no with a 403
    def post(self, request, pk):
        note = Note.objects.get(pk=pk)
        if not note.vote_rights_for(request.user).allowed():
            return JsonResponse({"message": "not allowed"}, status=403)
        Note.objects.filter(pk=pk).update(text=request.POST["text"])
        return JsonResponse({"ok": True})


class NoteFlag(View):  # safe: a predicate of the user's profile, PermissionDenied otherwise
    def post(self, request, pk):
        if not request.user.profile.is_moderator():
            raise Http404
        Note.objects.filter(pk=pk).delete()
        return JsonResponse({"ok": True})


class NoteArchive(View):  # safe: a predicate of the user's profile, and the project's own refusal
    def post(self, request, pk):
        if not request.user.profile.is_moderator():
            raise Http403
        Note.objects.filter(pk=pk).update(text="archived")
        return JsonResponse({"ok": True})


class NotePin(View):  # want "view NotePin changes data"
    def post(self, request, pk):
        # keeps members who already pinned away from the form; everyone
        # else, anonymous visitors included, goes on to the write
        if Note.objects.get(pk=pk).pinned_by(request.user):
            return JsonResponse({"message": "already pinned"}, status=403)
        Note.objects.filter(pk=pk).update(text="pinned")
        return JsonResponse({"ok": True})


def note_publish(request, pk):  # safe: can_edit_note wraps it in the URLconf, through decorated_patterns
    Note.objects.filter(pk=pk).update(text=request.POST["text"])
    return JsonResponse({"ok": True})


def note_archive(request, pk):  # want "view note_archive changes data"
    # wrapped by a helper that only documents its patterns
    Note.objects.filter(pk=pk).delete()
    return JsonResponse({"ok": True})


def note_touch(request, pk):  # want "view note_touch changes data"
    # remember_reader asks about the requester but turns nobody away
    Note.objects.filter(pk=pk).update(text="")
    return JsonResponse({"ok": True})


class SearchEngineFactory:
    def create(self):
        return object()


def search_notes(request):  # safe: create() of a factory makes a search client, not a row
    engine = SearchEngineFactory().create()
    return JsonResponse({"engine": str(engine)})


def new_note(request):  # want "view new_note changes data"
    Note.objects.filter(text="").create(text=request.POST["text"])
    return JsonResponse({"ok": True})


def health(request):  # safe: the cache's canary, a fixed entry whoever asks
    cache.set("health-canary", True, 1)
    return JsonResponse({"ok": True})


def version(request):  # safe: asks git which commit runs, changes nothing
    commit = subprocess.check_output(["git", "rev-parse", "HEAD"]).decode()
    return HttpResponse(commit)


def export_csv(request):  # safe: records the download in a log, then sends the file
    from .models import DownloadLog

    DownloadLog.objects.create(path=request.path)
    return HttpResponse("a,b\n", content_type="text/csv")


def heartbeat(request):  # safe: a fresh key written and taken back, nothing outlives the request
    key = "__heartbeat__" + str(uuid.uuid4())
    cache.set(key, 1, 10)
    if cache.get(key) != 1:
        return HttpResponse(status=500)
    cache.delete(key)
    return JsonResponse({"ok": True})


def remember(request):  # want "view remember changes data .cache write"
    key = "visitor-" + str(uuid.uuid4())
    cache.set(key, request.GET.get("name", ""), 3600)
    return JsonResponse({"key": key})


def read_note(request, pk):  # safe: a view counter bumped, a record of the visit
    Note.objects.filter(pk=pk).update(views=F("views") + 1)
    return JsonResponse({"ok": True})


def rate_note(request, pk):  # want "view rate_note changes data .database write"
    Note.objects.filter(pk=pk).update(score=F("score") + int(request.POST["stars"]))
    return JsonResponse({"ok": True})


def home_menu(request):  # safe: the row the menu needs, named by literals, made once
    menu, _ = Menu.objects.get_or_create(name="home")
    return JsonResponse({"menu": menu.pk})


def menu_order(request):  # safe: the one row of the ordering settings, with the model's defaults, made once
    order = Menu.objects.get_or_create()[0]
    return JsonResponse({"order": order.pk})


def add_menu(request):  # want "view add_menu changes data .database write"
    menu, _ = Menu.objects.get_or_create(name=request.POST["name"])
    return JsonResponse({"menu": menu.pk})


def site_settings():
    if not SiteSettings.objects.exists():
        defaults = SiteSettings()
        defaults.title = "My site"
        defaults.save()
    return SiteSettings.objects.first()


def front_page(request):  # safe: the settings row made once, from literals, while the table is empty
    return JsonResponse({"title": site_settings().title})


def first_title(request):  # want "view first_title changes data .database write"
    if SiteSettings.objects.count() == 0:
        SiteSettings.objects.create(title=request.POST["title"])
    return JsonResponse({"ok": True})


def search_links(request):  # safe: a copy of the query string, updated in memory to build links
    qs = request.GET.copy()
    qs.update({"page": "2"})
    return JsonResponse({"next": qs.urlencode()})


def reset_counts(request):  # want "view reset_counts changes data .database write"
    qs = Note.objects.filter(text="")
    qs.update(text="-")
    return JsonResponse({"ok": True})


def issue_token(request):  # safe: the client's secret is checked against its hash first
    client = Client.objects.filter(client_id=request.POST.get("client_id")).first()
    if client is None or not check_password(request.POST.get("client_secret"), client.secret_hash):
        return JsonResponse({"error": "invalid_client"}, status=400)
    client.tokens_issued = F("tokens_issued") + request.POST.get("count", 1)
    client.save()
    return JsonResponse({"token": str(uuid.uuid4())})


def issue_token_unchecked(request):  # want "view issue_token_unchecked changes data"
    client = Client.objects.filter(client_id=request.POST.get("client_id")).first()
    if client is None or not request.POST.get("client_secret"):
        return JsonResponse({"error": "invalid_client"}, status=400)
    client.tokens_issued = F("tokens_issued") + request.POST.get("count", 1)
    client.save()
    return JsonResponse({"token": str(uuid.uuid4())})


def download_article(request, pk):  # safe: the only write counts the download in the metrics app
    from metrics.logic import store_access

    store_access(request, pk)
    return HttpResponse("file")


def grant_article(request, pk):  # want "view grant_article changes data"
    from .models import Grant

    Grant.objects.create(article_id=pk, kind=request.GET.get("kind", "view"))
    return HttpResponse("granted")


def tile_proxy(request, z):  # safe: the files it writes are a cache's copy and its lock
    cache_dir = Path(settings.TILE_CACHE_DIR)
    cache_file = cache_dir / f"{z}.png"
    semaphore = cache_dir / f"{z}.tmp"
    semaphore.touch()
    cache_file.write_bytes(requests.get(f"https://tiles.example.org/{z}.png").content)
    semaphore.unlink(missing_ok=True)
    return HttpResponse(cache_file.read_bytes(), content_type="image/png")


def dataset_summary(request, pk):  # safe: the file it writes is the summary's cached copy, made again when missing
    cached_summary_path = Path(settings.MEDIA_ROOT) / str(pk) / "cached_summary.json"
    if not cached_summary_path.exists():
        with open(cached_summary_path, "w") as fp:
            fp.write(summarize(pk))
    return HttpResponse(cached_summary_path.read_text(), content_type="application/json")


def save_upload(request, pk):  # want "view save_upload changes data \\(file write: open\\(upload_path"
    upload_path = Path(settings.MEDIA_ROOT) / str(pk) / "upload.bin"
    with open(upload_path, "wb") as fp:
        fp.write(request.body)
    return HttpResponse("saved")


def save_report(request, z):  # want "view save_report changes data \\(file write: report_file.write_bytes"
    report_file = Path(settings.MEDIA_ROOT) / f"{z}.txt"
    report_file.write_bytes(request.body)
    return HttpResponse("ok")


def refresh_report(request, slug):  # safe: the entry it adds is a lock that keeps a second request from queuing the same work
    task_lock_key = f"report_task_lock_{slug}"
    if cache.add(task_lock_key, True, 900):
        return JsonResponse({"queued": True})
    return JsonResponse({"queued": False})


def pin_report(request, slug):  # want "view pin_report changes data \\(cache write: cache.add"
    cache.add(f"report_pin_{slug}", request.GET.get("text", ""), 900)
    return JsonResponse({})


def redeem(key):
    message = "unknown key"
    try:
        api_key = ApiKey.objects.get(key=key)
        api_key.key = ""
        api_key.save()
        message = "key used"
    except ApiKey.DoesNotExist:
        pass
    return message


def use_key(request, key):  # safe: the changes redeem makes in its try run only for whoever holds the key
    return JsonResponse({"message": redeem(key)})


def forget(pk):
    try:
        note = Note.objects.get(pk=pk)
        note.delete()
    except Note.DoesNotExist:
        pass


def drop_note(request, pk):  # want "view drop_note changes data through forget \\(database write: note.delete"
    forget(pk)
    return JsonResponse({})


class MetadataPushView(View):  # safe: the server-to-server check of the request's shared secret answers 403 first
    def post(self, request):
        if not ServerAccess.allowed(request):
            return HttpResponseForbidden()
        Note.objects.filter(ref=request.POST["ref"]).update(body=request.POST["body"])
        return HttpResponse("updated")


class MetadataPreviewView(View):  # want "view MetadataPreviewView changes data"
    def post(self, request):
        if not ServerAccess.allowed(request):
            return HttpResponse("no such ref", status=400)  # a bad request, not a refusal
        Note.objects.filter(ref=request.POST["ref"]).update(body=request.POST["body"])
        return HttpResponse("updated")


class MetadataSyncView(View):  # safe: the only handler refuses first; the helper above it runs only past that check
    def sync_note(self, ref, body):
        Note.objects.filter(ref=ref).update(body=body)

    def post(self, request):
        if not ServerAccess.allowed(request):
            return HttpResponseForbidden()
        self.sync_note(request.POST["ref"], request.POST["body"])
        return HttpResponse("synced")


class MetadataMirrorView(View):  # want "view MetadataMirrorView changes data"
    def sync_note(self, ref, body):
        Note.objects.filter(ref=ref).update(body=body)

    def post(self, request):
        if not ServerAccess.allowed(request):
            return HttpResponseForbidden()
        self.sync_note(request.POST["ref"], request.POST["body"])
        return HttpResponse("synced")

    def put(self, request):
        self.sync_note(request.GET["ref"], request.body.decode())
        return HttpResponse("mirrored")


def job_log(request, job_id):  # safe: tail only reads the log it is given
    cmd = ["tail", "-n", "20", os.path.join("/var/log/jobs", "job-%d.log" % job_id)]
    return HttpResponse(subprocess.check_output(cmd))


def job_purge(request, job_id):  # want "shell command: subprocess.run"
    argv = ["rm", "-f", os.path.join("/var/log/jobs", "job-%d.log" % job_id)]
    subprocess.run(argv, check=True)
    return HttpResponse(status=204)


@basic_key_required
def checkin(request):  # safe: the decorator answers 401 unless a group's key comes with the request
    Note.objects.create(text=request.POST["text"])
    return JsonResponse({"ok": True})


@basic_key_noted
def checkin_noted(request):  # want "view checkin_noted changes data"
    Note.objects.create(text=request.POST["text"])
    return JsonResponse({"ok": True})
