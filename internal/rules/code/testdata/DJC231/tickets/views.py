from django.core.exceptions import FieldError
from django.db.models import Q
from django.http import JsonResponse

from .forms import TicketFilterForm
from .models import Ticket

FILTERABLE = {"status", "priority"}


def search(request):
    tickets = Ticket.objects.filter(**request.GET.dict())  # want "request data \\(request.GET.dict\\(\\)\\) chooses the fields and lookups of Ticket.objects.filter"
    return JsonResponse({"ids": list(tickets.values_list("pk", flat=True))})


def search_field(request):
    field = request.GET["field"]
    term = request.GET["q"]
    hits = Ticket.objects.filter(Q(**{field + "__icontains": term}))  # want "chooses the fields and lookups of Q"
    return JsonResponse({"n": hits.count()})


def export(request):
    columns = request.GET.getlist("columns")
    rows = Ticket.objects.values(*columns)  # want "chooses the fields and lookups of Ticket.objects.values"
    return JsonResponse({"rows": list(rows)})


def allowed_filters(request):  # safe: every name checked against the code's own
    filters = {}
    for name, value in request.GET.items():
        if name in FILTERABLE:
            filters[name] = value
    return JsonResponse({"n": Ticket.objects.filter(**filters).count()})


def by_status(request):  # safe: a membership test named and then tested
    status = request.GET.get("status")
    known = status in Ticket.STATUSES
    if known:
        return JsonResponse({"n": Ticket.objects.exclude(**{f"{status}_count": 0}).count()})
    return JsonResponse({"n": 0})


def by_title(request):  # safe: the request fills values, the code names the lookups
    q = request.GET.get("q", "")
    lookups = [{name + "__icontains": q} for name in ("title", "status")]
    hits = Ticket.objects.none()
    for lookup in lookups:
        hits = hits | Ticket.objects.filter(**lookup)
    return JsonResponse({"n": Ticket.objects.filter(title=q).count(), "m": hits.count()})


def by_form(request):  # safe: a form's cleaned_data holds the fields it declares
    form = TicketFilterForm(request.GET)
    if not form.is_valid():
        return JsonResponse({}, status=400)
    return JsonResponse({"n": Ticket.objects.filter(**form.cleaned_data).count()})


def mine(request, pk):  # safe: the keys are the code's
    lookup = {}
    lookup["pk"] = pk
    lookup["owner"] = request.user
    return JsonResponse({"n": Ticket.objects.filter(**lookup).count()})


def loose_filters(request):
    filters = {}
    for name, value in request.GET.items():
        filters[name] = value
    return JsonResponse({"n": Ticket.objects.filter(**filters).count()})  # want "chooses the fields and lookups of Ticket.objects.filter"


def comprehension(request):
    rows = Ticket.objects.filter(**{k: v for k, v in request.GET.items()})  # want "chooses the fields and lookups of Ticket.objects.filter"
    return JsonResponse({"n": rows.count()})


def period(request):  # safe: the comprehension's keys are the code's
    row = request.POST
    lookup = {key: row[key] for key in ("status", "priority")}
    return JsonResponse({"n": Ticket.objects.filter(**lookup).count()})


class FieldFilterBackend:
    """A DRF filter backend: the view lists the fields a client may filter on."""

    def filter_queryset(self, request, queryset, view):  # safe: every name checked against the view's list
        for name, value in request.query_params.items():
            if name in view.filter_fields:
                queryset = queryset.filter(**{name: value})
        return queryset

    def loose_queryset(self, request, queryset, view):
        for name, value in request.query_params.items():
            queryset = queryset.filter(**{name + "__iexact": value})  # want "chooses the fields and lookups of queryset.filter"
        return queryset


class TranslatedFields:
    fields = ("title", "body")


def _in_every_language(field, term):
    query = Q()
    for lang in ("en", "fr"):
        lookup = {field + "_" + lang + "__icontains": term}
        query |= Q(**lookup)  # safe: the helper's callers name the field, the request gives only the term
    return query


def text_search(request):
    term = request.GET.get("text", "").lower()
    query = Q()
    for field in TranslatedFields.fields:
        query |= _in_every_language(field, term)
    return JsonResponse({"n": Ticket.objects.filter(query).count()})


def _contains(field, term):
    lookup = {field + "__icontains": term}
    return Q(**lookup)  # want "request data \\(request.GET\\[\"column\"\\]\\) chooses the fields and lookups of Q"


def column_search(request):
    term = request.GET.get("text", "")
    return JsonResponse({"n": Ticket.objects.filter(_contains(request.GET["column"], term)).count()})


def by_codes(request):
    query = Q()
    status = request.GET.get("status", "")
    queue = request.GET.get("queue", "")
    for names, value in [(["status"], status), (["queue", "queues"], queue)]:
        for name in names:
            query |= Q(**{name + "__code": value})  # safe: each row pairs a field of the code with a value of the request
    return JsonResponse({"n": Ticket.objects.filter(query).count()})


def by_pairs(request):
    query = Q()
    for name, value in [(request.GET["field"], request.GET["value"])]:
        query |= Q(**{name: value})  # want "request data \\(request.GET\\[\"field\"\\]\\) chooses the fields and lookups of Q"
    return JsonResponse({"n": Ticket.objects.filter(query).count()})


def filtered_tickets(request):
    # one loop over the query string feeds every Q below: one finding
    ands, ors = [], []
    for key, values in request.GET.lists():
        for value in values:
            if key.startswith("or__"):
                ors.append((key[4:], value))
            else:
                ands.append((key, value))
    args = [Q(**{k: v}) for k, v in ands]  # want "chooses the fields and lookups of Q.*; the same data reaches it again on lines 1[0-9][0-9], 1[0-9][0-9]$"
    either = Q()
    for k, v in ors:
        either |= Q(**{k: v})
    for k, v in ors:
        either &= ~Q(**{k: v})
    return JsonResponse({"n": Ticket.objects.filter(*args, either).count()})


def with_related(request):  # safe: the client names a relation, the code the lookup and its value
    kind = request.GET.get("type", "owner")
    rows = Ticket.objects.filter(**{f"{kind}__isnull": False})
    return JsonResponse({"n": rows.count()})


def related_matching(request):
    kind = request.GET.get("type", "owner")
    rows = Ticket.objects.filter(**{f"{kind}__startswith": request.GET["q"]})  # want "chooses the fields and lookups of Ticket.objects.filter"
    return JsonResponse({"n": rows.count()})


def by_flag(request):
    flag = request.GET["flag"]
    rows = Ticket.objects.filter(**{flag: True})  # want "chooses the fields and lookups of Ticket.objects.filter"
    return JsonResponse({"n": rows.count()})


def check_names(request):  # safe: the query is built to see whether the names are fields, and never runs
    params = {k: v for k, v in request.GET.items() if k not in ("limit", "offset")}
    try:
        Ticket.objects.filter(**params)
    except FieldError as e:
        return JsonResponse({"error": str(e)}, status=400)
    return JsonResponse({"ok": True})


def check_then_count(request):
    params = {k: v for k, v in request.GET.items() if k not in ("limit", "offset")}
    try:
        n = Ticket.objects.filter(**params).count()  # want "chooses the fields and lookups of Ticket.objects.filter"
    except FieldError as e:
        return JsonResponse({"error": str(e)}, status=400)
    return JsonResponse({"n": n})
