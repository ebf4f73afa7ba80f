import base64
import re

from django.conf import settings
from django.db import connection
from django.http import JsonResponse

COLUMNS = {"n": "name", "p": "price"}
SPACES = re.compile(r"\s+")

if getattr(settings, "CATALOG_LEGACY_SEARCH", False):

    def legacy_search(request):
        term = SPACES.sub(" ", request.GET.get("q", ""))
        with connection.cursor() as cur:
            cur.execute("SELECT id FROM catalog_product WHERE name = '%s'" % term)  # want "request.GET.get\\(.q., ..\\)"
            return JsonResponse({"ids": [r[0] for r in cur.fetchall()]})

else:

    def legacy_search(request):
        term = re.sub(r"[^\w ]", "", request.GET.get("q", ""))
        with connection.cursor() as cur:
            cur.execute("SELECT id FROM catalog_product WHERE name LIKE '%%" + term + "%%'")  # want "reaches cur.execute"
            cur.execute("SELECT id FROM catalog_product WHERE name = %s", [term])  # safe: parameter
            return JsonResponse({"ids": [r[0] for r in cur.fetchall()]})


def saved_filter(request):
    # the filter travels base64-encoded in the query string
    where = base64.urlsafe_b64decode(request.GET["f"]).decode()
    column = COLUMNS.get(request.GET.get("sort", "n"), "name")
    with connection.cursor() as cur:
        cur.execute("SELECT id FROM catalog_product WHERE " + where)  # want "request.GET\\[.f.\\]"
        cur.execute("SELECT id FROM catalog_product ORDER BY " + column)  # safe: a value of the mapping, not the key
        return JsonResponse({"ids": [r[0] for r in cur.fetchall()]})
