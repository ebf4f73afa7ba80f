import json

from django.conf import settings
from django.shortcuts import render
from django.views.generic import TemplateView


class TableMixin:
    # How the page lays out its tables: every view sets a literal.
    tables_layout = "columns"
    # The page's caption: one view sets it from the request.
    table_caption = "Stock"

    def get_context_data(self, **kwargs):
        kwargs["tables_layout"] = self.tables_layout
        kwargs["table_caption"] = self.table_caption
        return super().get_context_data(**kwargs)


class StockTable(TableMixin, TemplateView):
    template_name = "shop/stock_table.html"
    tables_layout = "rows"


class SearchTable(TableMixin, TemplateView):
    template_name = "shop/stock_table.html"

    def get(self, request, *args, **kwargs):
        self.table_caption = request.GET.get("q", "")
        return super().get(request, *args, **kwargs)


class RosterMixin:
    def get_context_data(self, **kwargs):
        members = []
        for member in self.get_queryset():
            members.append({"id": member.pk, "name": member.name})
        kwargs["members"] = json.dumps(members)
        columns = []
        columns.append("name")
        columns.extend(["team", "institution"])
        kwargs["columns"] = json.dumps(columns)
        return super().get_context_data(**kwargs)


class RosterPage(RosterMixin, TemplateView):
    template_name = "shop/roster.html"


def analytics_snippet(request):
    return render(request, "shop/analytics.html", {
        "providers": settings.WEB_ANALYTICS,
        "notes": request.user.notes.all(),
    })
