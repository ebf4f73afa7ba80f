from django import forms
from django.contrib.auth.decorators import login_required, permission_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.views import View
from django.views.generic import DetailView, UpdateView
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated, IsAuthenticatedOrReadOnly
from rest_framework.response import Response

from . import rules
from .decorators import clerk_required, invoice_access_logged, invoice_permission_required, member_required, moderator_required, object_check
from .http import Http403, Refused
from .perms import has_perm
from .models import Album, Book, Budget, BudgetFlag, Catalogue, Invoice, Note, Picture, Plan, Receipt, Star, Statement, Wallet


@login_required
def invoice(request, pk):
    inv = get_object_or_404(Invoice, pk=pk)  # want "Invoice is looked up by the pk from the URL in a view that requires only a login"
    return JsonResponse({"total": str(inv.total)})


@login_required
def pay(request):
    inv = Invoice.objects.get(id=request.POST["invoice"])  # want "Invoice is looked up by an id from request.POST"
    inv.total = 0
    inv.save()
    return JsonResponse({"ok": True})


class InvoiceDetail(LoginRequiredMixin, DetailView):  # want "view InvoiceDetail serves any Invoice by the pk in the URL"
    model = Invoice


@login_required
def own_invoice(request, pk):  # safe: filtered on the owner
    inv = get_object_or_404(Invoice, pk=pk, customer=request.user)
    return JsonResponse({"total": str(inv.total)})


@login_required
def checked_invoice(request, pk):  # safe: the owner is compared after the lookup
    inv = get_object_or_404(Invoice, pk=pk)
    if inv.customer != request.user:
        raise PermissionDenied
    return JsonResponse({"total": str(inv.total)})


@login_required
def related_invoice(request, pk):  # safe: looked up through the user's own relation
    inv = get_object_or_404(request.user.invoice_set, pk=pk)
    return JsonResponse({"total": str(inv.total)})


@permission_required("billing.view_invoice")
def staff_invoice(request, pk):  # safe: a permission is required
    inv = get_object_or_404(Invoice, pk=pk)
    return JsonResponse({"total": str(inv.total)})


@login_required
def plan(request, pk):  # safe: plans belong to no one
    return JsonResponse({"name": get_object_or_404(Plan, pk=pk).name})


class OwnInvoiceUpdate(LoginRequiredMixin, UpdateView):  # safe: get_queryset limits the rows
    model = Invoice
    fields = ["total"]

    def get_queryset(self):
        return Invoice.objects.filter(customer=self.request.user)


def public_invoice(request, pk):  # safe here: no login at all is another rule's concern
    return JsonResponse({"total": str(get_object_or_404(Invoice, pk=pk).total)})


@login_required
def invoice_by_uuid(request, code):  # safe: an unguessable uuid
    return JsonResponse({"total": str(get_object_or_404(Invoice, pk=code).total)})


@login_required
def budget_method(request, pk):  # safe: the object's own method raises for other users
    budget = get_object_or_404(Budget, pk=pk)
    budget.raise_not_editable(request.user)
    budget.limit = 0
    budget.save()
    return JsonResponse({"ok": True})


@login_required
def budget_helper(request, pk):  # safe: a project helper decides, and the branch denies
    budget = get_object_or_404(Budget, pk=pk)
    if not rules.is_budget_owner(user=request.user, budget=budget):
        raise PermissionDenied
    return JsonResponse({"limit": str(budget.limit)})


@login_required
def budget_raising_helper(request, pk):  # safe: the helper raises PermissionDenied itself
    user = request.user
    budget = get_object_or_404(Budget, pk=pk)
    checked = rules.budget_or_denied(user, budget)
    return JsonResponse({"limit": str(checked.limit)})


@login_required
def budget_method_in_if(request, pk):  # safe: the object's method is the test of a denial
    budget = get_object_or_404(Budget, pk=pk)
    if not budget.shared_with(request.user):
        return JsonResponse({}, status=403)
    return JsonResponse({"limit": str(budget.limit)})


@login_required
def budget_logged(request, pk):
    budget = get_object_or_404(Budget, pk=pk)  # want "Budget is looked up by the pk from the URL"
    rules.log_access(request.user, budget)  # a helper given both that checks nothing
    return JsonResponse({"limit": str(budget.limit)})


@login_required
def budget_if_not_denying(request, pk):
    budget = get_object_or_404(Budget, pk=pk)  # want "Budget is looked up by the pk from the URL"
    if rules.is_budget_owner(request.user, budget):
        budget.limit = 1  # the test decides what happens, but nothing is turned away
    return JsonResponse({"limit": str(budget.limit)})


@login_required
def wallet(request, pk):
    w = get_object_or_404(Wallet, pk=pk)  # want "Wallet is looked up by the pk from the URL"
    return JsonResponse({"balance": str(w.balance)})


@login_required
def invoice_from_queryset(request, pk):
    inv = get_object_or_404(Invoice.objects.select_related("customer"), pk=pk)  # want "Invoice is looked up by the pk from the URL"
    return JsonResponse({"total": str(inv.total)})


@login_required
def receipt(request, pk):
    r = Receipt.objects.get(pk=pk)  # want "Receipt is looked up by the pk from the URL"
    return JsonResponse({"invoice": r.invoice_id})


@login_required
def bookmark_invoice(request, pk):  # safe: the invoice is only referred to, nothing of it is shown or changed
    inv = get_object_or_404(Invoice, pk=pk)
    request.user.bookmarks.add(inv)
    return JsonResponse({"ok": True})


@login_required
def catalogue_entry(request, pk):  # safe: created_by of shared rows records who added one; this only reads
    entry = get_object_or_404(Catalogue, pk=pk)
    return JsonResponse({"title": entry.title})


@login_required
def rename_catalogue_entry(request, pk):
    entry = get_object_or_404(Catalogue, pk=pk)  # want "Catalogue is looked up by the pk from the URL"
    entry.title = request.POST["title"]
    entry.save()
    return JsonResponse({"ok": True})


@login_required
def receipt_of_invoice(request, pk, rpk):  # safe: the receipt must belong to an invoice the view checked
    inv = get_object_or_404(Invoice, pk=pk, customer=request.user)
    r = get_object_or_404(Receipt, pk=rpk, invoice=inv)
    return JsonResponse({"id": r.pk})


def open_book(slug):
    return Book.objects.get(slug=slug)


@login_required
def book_receipt(request, slug, rpk):  # safe: the receipt must belong to the book the view holds
    book = open_book(slug)
    r = get_object_or_404(Receipt, pk=rpk, book=book)
    return JsonResponse({"id": r.pk})


def copy_invoice_lines(user, invoice):
    return [(user.pk, line) for line in invoice.lines.all()]


class InvoiceRetry(LoginRequiredMixin, View):
    def get(self, request, pk):
        inv = get_object_or_404(Invoice, pk=pk)
        if inv.customer != request.user:
            raise PermissionDenied
        return JsonResponse({"total": str(inv.total)})

    def post(self, request, pk):
        inv = get_object_or_404(Invoice, pk=pk)  # want "Invoice is looked up by the pk from the URL with no owner check in this handler, while another handler of the same view checks"
        copy_invoice_lines(request.user, inv)
        return JsonResponse({"copied": True})


class InvoiceBothChecked(LoginRequiredMixin, View):
    def get(self, request, pk):
        inv = get_object_or_404(Invoice, pk=pk)
        if inv.customer != request.user:
            raise PermissionDenied
        return JsonResponse({"total": str(inv.total)})

    def post(self, request, pk):
        inv = get_object_or_404(Invoice, pk=pk, customer=request.user)  # safe: filtered on the requester in this handler too
        copy_invoice_lines(request.user, inv)
        return JsonResponse({"copied": True})


class InvoiceSharedCheck(LoginRequiredMixin, View):
    def get_invoice(self, pk):
        inv = get_object_or_404(Invoice, pk=pk)
        if inv.customer != self.request.user:
            raise PermissionDenied
        return inv

    def get(self, request, pk):
        return JsonResponse({"total": str(self.get_invoice(pk).total)})

    def post(self, request, pk):
        inv = self.get_invoice(pk)  # safe: the shared lookup checks the owner for every handler
        copy_invoice_lines(request.user, inv)
        return JsonResponse({"copied": True})


class BudgetUnshare(LoginRequiredMixin, UpdateView):  # safe: get asks the budget whether the requester shares it, 403 otherwise
    model = Budget
    http_method_names = ["get"]

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if not self.object.shared_with(request.user):
            raise PermissionDenied
        return JsonResponse({"limit": str(self.object.limit)})


class BudgetAudit(LoginRequiredMixin, DetailView):  # safe: only accountants, a predicate of the requester's profile
    model = Budget

    def dispatch(self, request, *args, **kwargs):
        if not request.user.profile.is_accountant():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class BudgetOpen(LoginRequiredMixin, DetailView):  # want "view BudgetOpen serves any Budget by the pk in the URL"
    model = Budget

    def dispatch(self, request, *args, **kwargs):
        # a question about the budget, not about who asks
        if not Budget.objects.filter(pk=kwargs["pk"], limit__gt=0).exists():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


@login_required
def flag_budget(request, pk):  # safe: the budget is only what the report is about, and the requester is sent to its own page
    budget = get_object_or_404(Budget, pk=pk)
    BudgetFlag.objects.create(author=request.user, budget=budget, reason=request.POST.get("reason", ""))
    return redirect(budget.get_absolute_url())


@login_required
def flag_budget_and_show(request, pk):
    budget = get_object_or_404(Budget, pk=pk)  # want "Budget is looked up by the pk from the URL"
    BudgetFlag.objects.create(author=request.user, budget=budget, reason="")
    return redirect("/budgets/?limit=%s" % budget.limit)


@login_required
def delete_budget(request):
    form = forms.Form(request.POST)
    if form.is_valid():
        budget = get_object_or_404(Budget, id=form.cleaned_data["budget_id"])  # want "Budget is looked up by an id from a submitted form \\(form.cleaned_data\\)"
        budget.delete()
    return JsonResponse({"ok": True})


@login_required
def delete_own_budget(request):
    form = forms.Form(request.POST)
    if form.is_valid():
        budget = get_object_or_404(Budget, id=form.cleaned_data["budget_id"], owner=request.user)  # safe: filtered on the owner
        budget.delete()
    return JsonResponse({"ok": True})


class NoteViewSet(viewsets.ViewSet):
    # a login only to write: anyone may read every note
    permission_classes = [IsAuthenticatedOrReadOnly]

    def retrieve(self, request, pk=None):  # safe: reads are open to everyone by the project's choice
        return Response({"text": Note.objects.get(id=pk).text})

    @action(detail=True, methods=["get"])
    def history(self, request, pk=None):  # safe: a GET action, the same reads
        note = Note.objects.get(id=pk)
        return Response({"text": note.text})

    @action(detail=True)
    def preview(self, request, pk=None):  # safe: an action with no methods serves GET
        return Response({"text": Note.objects.get(id=pk).text[:40]})

    @action(detail=True, methods=["get"])
    def wipe(self, request, pk=None):
        note = Note.objects.get(id=pk)  # want "Note is looked up by the pk from the URL"
        note.text = ""
        note.save()
        return Response(status=204)

    @action(detail=True, methods=["get"])
    def purge(self, request, pk=None):
        Note.objects.get(id=pk).delete()  # want "Note is looked up by the pk from the URL"
        return Response(status=204)

    @action(detail=True, methods=["post"])
    def copy(self, request, pk=None):
        note = Note.objects.get(id=pk)  # want "Note is looked up by the pk from the URL in a view that requires only a login"
        Note.objects.create(user=request.user, text=note.text)
        return Response({"text": note.text}, status=201)

    def destroy(self, request, pk=None):
        Note.objects.get(id=pk).delete()  # want "Note is looked up by the pk from the URL in a view that requires only a login"
        return Response(status=204)


class PrivateNoteViewSet(viewsets.ViewSet):
    # both must pass: reads need a login as well
    permission_classes = [IsAuthenticatedOrReadOnly, IsAuthenticated]

    def retrieve(self, request, pk=None):
        return Response({"text": Note.objects.get(id=pk).text})  # want "Note is looked up by the pk from the URL in a view that requires only a login"


@login_required
def edit_album(request, pk):  # safe: the project's has_perm helper asks about the object, and its own exception refuses
    album = get_object_or_404(Album, pk=pk)
    if not has_perm(request.user, "billing.change_album", album):
        raise Http403
    album.save()
    return JsonResponse({"ok": True})


@login_required
def delete_album(request, pk):  # safe: a project exception deriving from PermissionError refuses
    album = get_object_or_404(Album, pk=pk)
    if not album.check_perm(request.user, "billing.delete_album"):
        raise Refused()
    album.delete()
    return JsonResponse({"ok": True})


@login_required
def caption_pictures(request, pk):
    album = get_object_or_404(Album, pk=pk)
    if not album.check_perm(request.user, "billing.change_album"):
        raise Http403
    picture = Picture.objects.get(pk=request.POST["picture"])  # want "Picture is looked up by an id from request.POST and changed, while the view checks the requester only against album"
    picture.caption = request.POST["caption"]
    picture.save()
    return JsonResponse({"ok": True})


@login_required
def caption_album_picture(request, pk):  # safe: the picture must belong to the album the view checked
    album = get_object_or_404(Album, pk=pk)
    if not album.check_perm(request.user, "billing.change_album"):
        raise Http403
    picture = Picture.objects.get(pk=request.POST["picture"], album=album)
    picture.caption = request.POST["caption"]
    picture.save()
    return JsonResponse({"ok": True})


@login_required
def show_picture(request, pk):  # safe here: the picture is only read, after a check of the album
    album = get_object_or_404(Album, pk=pk)
    if not album.check_perm(request.user, "billing.view_album"):
        raise Http403
    picture = Picture.objects.get(pk=request.GET["picture"])
    return JsonResponse({"caption": picture.caption, "album": album.pk})


@login_required
def purge_album(request, pk):  # safe: a permission over every album (the project's has_perm with no object) decides
    if not has_perm(request.user, "billing.delete_album"):
        raise Http403
    get_object_or_404(Album, pk=pk).delete()
    return JsonResponse({"ok": True})


@login_required
def star_album(request, pk):  # safe: only the requester's own star refers to the album, and the answer is a count
    album = get_object_or_404(Album, pk=pk)
    Star.objects.get_or_create(album=album, by=request.user)
    return JsonResponse({"stars": Star.objects.filter(album=album).count()})


@login_required
def album_owner(request, pk):
    album = get_object_or_404(Album, pk=pk)  # want "Album is looked up by the pk from the URL in a view that requires only a login"
    return JsonResponse({"owner": album.owner.username, "stars": Star.objects.filter(album=album).count()})


@login_required
def statement(request, pk):  # safe: the owner's id is compared with the requester's
    st = get_object_or_404(Statement, pk=pk)
    if st.customer.id != request.user.id:
        raise PermissionDenied
    return JsonResponse({"total": str(st.total)})


@login_required
def shared_statement(request, pk, guid):  # safe: the row opens only to whoever was given its guid
    st = get_object_or_404(Statement, pk=pk, guid=guid)
    return JsonResponse({"total": str(st.total)})


@moderator_required
def moderated_invoice(request, pk):  # safe: the decorator refuses everyone but moderators
    inv = get_object_or_404(Invoice, pk=pk)
    return JsonResponse({"total": str(inv.total)})


@member_required
def member_invoice(request, pk):
    inv = get_object_or_404(Invoice, pk=pk)  # want "Invoice is looked up by the pk from the URL in a view that requires only a login"
    return JsonResponse({"total": str(inv.total)})


@login_required
def member_albums(request, pk):  # safe: the member's albums that everyone may see, as a profile lists them
    albums = Album.objects.filter(owner_id=pk).public().order_by("-pk")
    return JsonResponse({"albums": [a.pk for a in albums]})


@login_required
def member_invoices(request, pk):
    invoices = Invoice.objects.filter(customer_id=pk).order_by("-pk")  # want "Invoice is looked up by the pk from the URL"
    return JsonResponse({"invoices": [str(i.total) for i in invoices]})


@clerk_required
def clerk_invoice(request, pk):  # safe: the decorator lets through only those who pass its test, and refuses the rest
    inv = get_object_or_404(Invoice, pk=pk)
    return JsonResponse({"total": str(inv.total)})


@login_required
def member_drafts(request, pk):
    invoices = Invoice.objects.filter(customer_id=pk, unpublished=True)  # want "Invoice is looked up by the pk from the URL"
    return JsonResponse({"invoices": [str(i.total) for i in invoices]})


@login_required
def member_shared(request, pk):  # safe: narrowed to what everyone may see
    invoices = Invoice.objects.filter(customer_id=pk, is_public=True)
    return JsonResponse({"invoices": [str(i.total) for i in invoices]})


def current_account(request):
    return request.user.account


def account_named(code):
    return code.strip()


@login_required
def account_receipt(request, pk):  # safe: the receipt must belong to an invoice of the requester's account
    account = current_account(request)
    rec = get_object_or_404(
        Receipt.objects.filter(Exists(Invoice.objects.filter(pk=OuterRef("invoice_id"), customer__account=account))), pk=pk
    )
    return JsonResponse({"invoice": rec.invoice_id})


@login_required
def chosen_account_receipt(request, pk):
    account = account_named(request.GET["account"])  # the client names the account
    rec = get_object_or_404(  # want "Receipt is looked up by the pk from the URL in a view that requires only a login"
        Receipt.objects.filter(Exists(Invoice.objects.filter(pk=OuterRef("invoice_id"), customer__account=account))), pk=pk
    )
    return JsonResponse({"invoice": rec.invoice_id})


class ReceiptViewSet(viewsets.ViewSet):
    permission_classes = [IsAuthenticated]

    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def resend(self, request, pk):  # safe: the receipt's invoice is checked against the requester
        rec = Receipt.objects.get(id=pk)
        invoice = rec.invoice
        if not invoice.visible_to(request.user):
            raise PermissionDenied
        return Response({"invoice": rec.invoice_id})

    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def reopen(self, request, pk):
        receipt = Receipt.objects.get(id=pk)  # want "Receipt is looked up by the pk from the URL"
        bill = receipt.invoice
        if not bill.is_open():
            raise PermissionDenied
        receipt.invoice_id = None
        receipt.save()
        return Response({"invoice": receipt.invoice_id})


@login_required
def void_invoice(request, pk):  # safe: only staff reach the lookup
    if request.user.is_staff is True:
        inv = get_object_or_404(Invoice, pk=pk)
        inv.delete()
    return redirect("/")


@login_required
def translate_invoice(request, pk):  # safe: the lookup's object is used only after the exit for non-auditors
    inv = get_object_or_404(Invoice, pk=pk)
    if not request.user.profile.is_auditor or request.method != "GET":
        return JsonResponse({}, status=204)
    return JsonResponse({"total": str(inv.total)})


@login_required
def peek_invoice(request, pk):
    inv = get_object_or_404(Invoice, pk=pk)  # want "Invoice is looked up by the pk from the URL"
    total = str(inv.total)
    if not request.user.profile.is_auditor:
        return JsonResponse({"total": total})
    return JsonResponse({"total": total, "notes": inv.notes})


@login_required
def audit_or_own_invoice(request, pk):
    if request.user.is_staff or request.GET.get("mine"):
        inv = get_object_or_404(Invoice, pk=pk)  # want "Invoice is looked up by the pk from the URL"
        return JsonResponse({"total": str(inv.total)})
    return redirect("/")


class InvoiceByToken(LoginRequiredMixin, View):  # safe: the invoice's uuid, which no client can step through
    def get(self, request, *args, **kwargs):
        invoice = Invoice.objects.get(id=kwargs["invoice_id"])
        return JsonResponse({"total": str(invoice.total)})


class InvoiceByNumber(LoginRequiredMixin, View):
    def get(self, request, *args, **kwargs):
        invoice = Invoice.objects.get(id=self.kwargs["invoice_id"])  # want "Invoice is looked up by the id from the URL"
        return JsonResponse({"total": str(invoice.total)})


@object_check(model=Invoice, filter_field="pk", owner_field="customer")
def owned_invoice(request, pk):  # safe: the decorator finds the invoice by pk and lets only its customer through
    inv = get_object_or_404(Invoice, pk=pk)
    return JsonResponse({"total": str(inv.total)})


@object_check(model=Wallet, filter_field="wallet", owner_field="owner")
def wallet_invoice(request, wallet, pk):
    # the decorator checks the wallet, but the invoice comes by another id
    inv = get_object_or_404(Invoice, pk=pk)  # want "Invoice is looked up by the pk from the URL in a view that requires only a login"
    return JsonResponse({"total": str(inv.total)})


@login_required
@invoice_permission_required(Invoice)
def invoice_by_decorator(request, invoice_id):  # safe: the decorator's helper refuses another customer's invoice
    inv = get_object_or_404(Invoice, pk=invoice_id)
    return JsonResponse({"total": str(inv.total)})


@login_required
@invoice_access_logged(Invoice)
def invoice_noted(request, invoice_id):
    inv = get_object_or_404(Invoice, pk=invoice_id)  # want "Invoice is looked up by the invoice_id from the URL"
    return JsonResponse({"total": str(inv.total)})
