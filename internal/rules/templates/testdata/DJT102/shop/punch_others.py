from django.http import JsonResponse

from . import chart_helpers
from .chart_helpers import alias_cell as cell


def raw_cells(request):
    # the same helpers, given the query string
    return JsonResponse({"a": cell(request.GET["tick"]), "m": chart_helpers.module_cell(request.GET["tick"])})
