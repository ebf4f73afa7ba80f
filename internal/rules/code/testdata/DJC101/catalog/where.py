from django.db import connection
from django.http import JsonResponse

OPERATORS = {"$gt": ">", "$lt": "<", "$eq": "="}
COLUMNS = {"_id": "id", "_date": "created"}


def column_sql(key, numeric):
    text = "data->>%s"
    if key in numeric:
        text = "CAST(data->>%s AS INT)"
    return text


def parse_filter(query, numeric):
    """Every value is a parameter; operators and columns come from the tables above."""
    where, params = [], []
    for key, value in query.items():
        if isinstance(value, dict):
            column = column_sql(key, numeric)
            for op, operand in value.items():
                if op in OPERATORS:
                    where.append(" ".join([column, OPERATORS.get(op), "%s"]))
                    params.extend([key, operand])
        elif key in COLUMNS:
            where.append(f"{COLUMNS[key]} = %s")
            params.append(value)
        else:
            where.append("data->>%s = %s")
            params.extend([key, value])
    return where, params


def build_where(query):
    if not query:
        return "", []
    where, params = parse_filter(query, numeric=["age"])
    return "WHERE " + " AND ".join(where), params


def count_products(request):  # safe: the filter's values are parameters; its SQL text is the code's
    sql_where, params = build_where(request.GET.dict())
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM products " + sql_where, params)
        return JsonResponse({"count": cursor.fetchone()[0]})


def parse_filter_unsafe(query):
    where, params = [], []
    for key, value in query.items():
        where.append(f"{key} = %s")  # looks alike, but the column is the request's
        params.append(value)
    return where, params


def count_products_unsafe(request):
    where, params = parse_filter_unsafe(request.GET.dict())
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM products WHERE " + " AND ".join(where), params)  # want "SQL query built from request data"
        return JsonResponse({"count": cursor.fetchone()[0]})


def count_matching_any(request):  # safe: each filter is unpacked in a loop, its parameters apart from its SQL
    where, params = [], []
    for query in request.GET.getlist("filter"):
        part, part_params = parse_filter({"name": query}, numeric=[])
        where += part
        params += part_params
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM products WHERE " + " OR ".join(where), params)
        return JsonResponse({"count": cursor.fetchone()[0]})


def filter_or_raw(query):
    # looks alike: one branch returns the request's text itself, not a tuple
    if "raw" in query:
        return query["raw"]
    return parse_filter(query, numeric=[])


def count_raw(request):
    where, params = filter_or_raw(request.GET.dict())
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM products WHERE " + " AND ".join(where), params)  # want "SQL query built from request data"
        return JsonResponse({"count": cursor.fetchone()[0]})
