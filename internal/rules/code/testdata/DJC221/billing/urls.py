from django.urls import path

from . import views

urlpatterns = [
    path("invoices/<int:pk>/", views.invoice),
    path("invoices/<int:invoice_id>/checked/", views.invoice_by_decorator),
    path("invoices/<int:invoice_id>/noted/", views.invoice_noted),
    path("invoices/<int:pk>/owned/", views.owned_invoice),
    path("wallets/<int:wallet>/invoices/<int:pk>/", views.wallet_invoice),
    path("pay/", views.pay),
    path("invoices/<int:pk>/detail/", views.InvoiceDetail.as_view()),
    path("mine/<int:pk>/", views.own_invoice),
    path("checked/<int:pk>/", views.checked_invoice),
    path("related/<int:pk>/", views.related_invoice),
    path("staff/<int:pk>/", views.staff_invoice),
    path("plans/<int:pk>/", views.plan),
    path("invoices/<int:pk>/edit/", views.OwnInvoiceUpdate.as_view()),
    path("public/<int:pk>/", views.public_invoice),
    path("by-code/<uuid:code>/", views.invoice_by_uuid),
    path("by-token/<uuid:invoice_id>/", views.InvoiceByToken.as_view()),
    path("by-number/<int:invoice_id>/", views.InvoiceByNumber.as_view()),
    path("budgets/<int:pk>/a/", views.budget_method),
    path("budgets/<int:pk>/b/", views.budget_helper),
    path("budgets/<int:pk>/c/", views.budget_raising_helper),
    path("budgets/<int:pk>/d/", views.budget_method_in_if),
    path("budgets/<int:pk>/e/", views.budget_logged),
    path("budgets/<int:pk>/f/", views.budget_if_not_denying),
    path("wallets/<int:pk>/", views.wallet),
    path("qs/<int:pk>/", views.invoice_from_queryset),
    path("receipts/<int:pk>/", views.receipt),
    path("bookmark/<int:pk>/", views.bookmark_invoice),
    path("catalogue/<int:pk>/", views.catalogue_entry),
    path("catalogue/<int:pk>/rename/", views.rename_catalogue_entry),
    path("invoices/<int:pk>/receipts/<int:rpk>/", views.receipt_of_invoice),
    path("books/<slug:slug>/receipts/<int:rpk>/", views.book_receipt),
    path("invoices/<int:pk>/retry/", views.InvoiceRetry.as_view()),
    path("invoices/<int:pk>/both/", views.InvoiceBothChecked.as_view()),
    path("invoices/<int:pk>/shared/", views.InvoiceSharedCheck.as_view()),
]
urlpatterns += [
    path("budgets/<int:pk>/unshare/", views.BudgetUnshare.as_view()),
    path("budgets/<int:pk>/audit/", views.BudgetAudit.as_view()),
    path("budgets/<int:pk>/open/", views.BudgetOpen.as_view()),
]
urlpatterns += [
    path("budgets/<int:pk>/flag/", views.flag_budget),
    path("budgets/<int:pk>/flag-and-show/", views.flag_budget_and_show),
]
urlpatterns += [
    path("budgets/delete/", views.delete_budget),
    path("budgets/delete-own/", views.delete_own_budget),
]
urlpatterns += [
    path("notes/<int:pk>/", views.NoteViewSet.as_view({"get": "retrieve", "delete": "destroy"})),
    path("notes/<int:pk>/history/", views.NoteViewSet.as_view({"get": "history"})),
    path("private-notes/<int:pk>/", views.PrivateNoteViewSet.as_view({"get": "retrieve"})),
]
urlpatterns += [
    path("notes/<int:pk>/preview/", views.NoteViewSet.as_view({"get": "preview"})),
    path("notes/<int:pk>/wipe/", views.NoteViewSet.as_view({"get": "wipe"})),
    path("notes/<int:pk>/copy/", views.NoteViewSet.as_view({"post": "copy"})),
]
urlpatterns += [path("notes/<int:pk>/purge/", views.NoteViewSet.as_view({"get": "purge"}))]
urlpatterns += [
    path("albums/<int:pk>/edit/", views.edit_album),
    path("albums/<int:pk>/delete/", views.delete_album),
    path("albums/<int:pk>/captions/", views.caption_pictures),
    path("albums/<int:pk>/captions/own/", views.caption_album_picture),
    path("albums/<int:pk>/picture/", views.show_picture),
]
urlpatterns += [path("albums/<int:pk>/purge/", views.purge_album)]
urlpatterns += [
    path("albums/<int:pk>/star/", views.star_album),
    path("albums/<int:pk>/owner/", views.album_owner),
    path("statements/<int:pk>/", views.statement),
    path("statements/<int:pk>/<str:guid>/", views.shared_statement),
    path("moderated/<int:pk>/", views.moderated_invoice),
    path("member/<int:pk>/", views.member_invoice),
    path("members/<int:pk>/albums/", views.member_albums),
    path("members/<int:pk>/invoices/", views.member_invoices),
    path("members/<int:pk>/drafts/", views.member_drafts),
    path("members/<int:pk>/shared/", views.member_shared),
    path("clerk/<int:pk>/", views.clerk_invoice),
    path("accounts/receipts/<int:pk>/", views.account_receipt),
    path("accounts/chosen/receipts/<int:pk>/", views.chosen_account_receipt),
    path("receipts/<pk>/resend/", views.ReceiptViewSet.as_view({"post": "resend"})),
    path("receipts/<pk>/reopen/", views.ReceiptViewSet.as_view({"post": "reopen"})),
    path("invoices/<int:pk>/void/", views.void_invoice),
    path("invoices/<int:pk>/translate/", views.translate_invoice),
    path("invoices/<int:pk>/peek/", views.peek_invoice),
    path("invoices/<int:pk>/audit/", views.audit_or_own_invoice),
]
