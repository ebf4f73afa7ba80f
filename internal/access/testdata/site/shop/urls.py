from django.urls import path

from . import views

urlpatterns = [
    path("catalogue/", views.catalogue),
    path("hook/", views.hook),
    path("orders/<int:pk>/edit/", views.OrderEdit.as_view()),
    path("profile/", views.Profile.as_view()),
    path("danger/", views.Danger.as_view()),
    path("audit/", views.audit),
    path("inline/", views.inline_staff),
    path("reports/", views.Reports.as_view()),
    path("contact/", views.contact),
    path("orders/<int:pk>/cancel/", views.cancel_order),
    path("orders/<int:pk>/reorder/", views.reorder),
    path("imports/<str:owner>/", views.import_rows),
    path("imports/<str:owner>/offline/", views.import_rows_offline),
    path("vouchers/redeem/", views.redeem_voucher),
    path("vouchers/redeem-by-name/", views.redeem_by_name),
    path("vouchers/redeem-own/", views.redeem_own_voucher),
    path("nodes/config/", views.node_config),
    path("nodes/status/", views.node_status),
    path("orders/<int:pk>/notes/", views.OrderNotes.as_view()),
    path("orders/<int:pk>/tags/", views.OrderTags.as_view()),
    # the view passed by keyword, as Django allows
    path("kw/catalogue/", view=views.catalogue, name="kw-catalogue"),
    path(route="kw/danger/", view=views.Danger.as_view()),
]
