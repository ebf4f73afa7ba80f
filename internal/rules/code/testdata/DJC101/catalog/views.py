from django.db import connection
from django.db.models.expressions import RawSQL
from django.http import HttpResponse, JsonResponse
from django.views import View

from .forms import ProductFilterForm
from .models import Product
from .services import count_for, find_products, find_products_safely, order_clause

SORT_FIELDS = {"name", "price", "created"}


def search(request):
    q = request.GET["q"]
    rows = find_products(q)
    safe_rows = find_products_safely(q)
    total = count_for("catalog_product")
    return JsonResponse({"rows": rows, "safe": safe_rows, "total": total})


def category(request, category):
    products = Product.objects.raw("SELECT * FROM catalog_product WHERE category = '%s'" % category)  # want "URL path parameter category"
    same = Product.objects.raw("SELECT * FROM catalog_product WHERE category = %s", [category])  # safe: params
    return JsonResponse({"n": len(list(products)) + len(list(same))})


def product_detail(request, pk):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM catalog_product WHERE id = {pk}")  # safe: <int:pk> converter
        row = cursor.fetchone()
    return JsonResponse({"row": row})


def archive(request, year):
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM catalog_product WHERE year = " + year)  # safe: regex group is digits only
    return HttpResponse("ok")


def report(request):
    min_price = request.POST.get("min_price", "0")
    limit = int(request.POST.get("limit", "10"))
    qs = Product.objects.annotate(
        cheap=RawSQL("price < " + min_price, []),  # want "RawSQL"
    )
    qs = qs.extra(where=["stock > %d" % limit])  # safe: int() cast
    columns = ", ".join(request.POST.getlist("columns"))
    with connection.cursor() as cursor:
        cursor.execute("SELECT {} FROM catalog_product".format(columns))  # want "request.POST.getlist"
    qs2 = Product.objects.extra(where=["name = '%s'" % request.POST["name"]])  # want "\\.extra"
    return JsonResponse({"n": qs.count() + qs2.count()})


class SortedListView(View):
    def get(self, request):
        self.order = request.GET.get("order", "name")
        if self.order not in SORT_FIELDS:
            self.order = "name"
        with connection.cursor() as cursor:
            cursor.execute("SELECT * FROM catalog_product " + order_clause(self.order))  # safe: allowlisted
        sort = self.request.GET.get("sort", "name")
        with connection.cursor() as cursor:
            cursor.execute("SELECT * FROM catalog_product " + order_clause(sort))  # want "self.request.GET.get"
        return HttpResponse("ok")


def filter_form(request):
    form = ProductFilterForm(request.GET)
    if form.is_valid():
        colour = form.cleaned_data["colour"]
        with connection.cursor() as cursor:
            cursor.execute("SELECT * FROM catalog_product WHERE colour = '" + colour + "'")  # want "form.cleaned_data"
    return HttpResponse("ok")


class ProductSearchView(View):
    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.term = request.GET.get("term", "")
        self.sort = request.GET.get("sort", "name")
        if self.sort not in SORT_FIELDS:
            self.sort = "name"

    def get(self, request):
        with connection.cursor() as cursor:
            cursor.execute("SELECT * FROM catalog_product WHERE name = '%s'" % self.term)  # want "request.GET.get\\(.term., ..\\)"
            cursor.execute("SELECT * FROM catalog_product " + order_clause(self.sort))  # safe: allowlisted in setup()
        return HttpResponse("ok")
