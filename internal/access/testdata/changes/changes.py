# Each function named write_* changes state (its docstring names how);
# each named safe_* does not.
import io
import os
import subprocess

import requests
from django.conf import settings
from django.contrib.auth import login
from django.core.cache import cache
from django.core.mail import send_mail
from django.db import connection
from django.http import HttpResponse
from openpyxl import Workbook
from reportlab.pdfgen import canvas

from .models import Customer, Item, UserConfig
from .payments import gateway


def write_save(request, item):
    """database write"""
    item.save()


def write_create(request):
    """database write"""
    Item.objects.create(name="x")


def write_queryset_update(request):
    """database write"""
    Item.objects.filter(pk=1).update(name="y")


def write_delete(request, item):
    """database write"""
    item.delete()


def write_bulk(request):
    """database write"""
    Item.objects.bulk_create([Item(name="a")])


def write_m2m(request, item, tag):
    """database write"""
    item.tags.add(tag)


def write_m2m_clear(request, item):
    """database write"""
    item.tags.clear()


def write_raw_sql(request):
    """raw SQL write"""
    with connection.cursor() as c:
        c.execute("UPDATE items SET name = 'z'")


def write_file(request):
    """file write"""
    with open("/tmp/out.txt", "w") as f:
        f.write("x")


def write_remove_file(request):
    """file system change"""
    os.remove("/tmp/out.txt")


def write_shell(request):
    """shell command"""
    subprocess.run(["true"])


def write_mail(request):
    """e-mail"""
    send_mail("s", "b", "a@example.com", ["b@example.com"])


def write_cache(request):
    """cache write"""
    cache.set("k", request.GET.get("v"))


def write_cache_delete(request):
    """cache write"""
    cache.delete("k")


def safe_cache_canary(request):
    # a fixed entry under a fixed key, whoever sends the request
    cache.set("canary", True, 1)


def safe_cache_round_trip(request):
    # a health check writes its entry and takes it back
    cache.set("ping", "pong")
    cache.delete("ping")


def write_session(request):
    """session write"""
    request.session["k"] = 1


def write_login(request, user):
    """login()"""
    login(request, user)


def write_cookie(request, response):
    """cookie set"""
    response.set_cookie("k", "v")


def safe_dict_update(request):
    ctx = {}
    ctx.update({"a": 1})


def safe_set_add(request):
    seen = set()
    seen.add(1)


def safe_context_update(request, context):
    context.update({"a": 1})


def safe_http(request):
    requests.post("https://example.com/hook", data={"a": 1})


def safe_select(request):
    with connection.cursor() as c:
        c.execute("SELECT 1")


def safe_read_file(request):
    with open("/tmp/out.txt") as f:
        return f.read()


def safe_list_remove(request):
    items = [1, 2]
    items.remove(1)


def safe_headers(request, response):
    response.headers.set("X-A", "1")


def safe_pdf_preview(request):
    response = HttpResponse(content_type="application/pdf")
    page = canvas.Canvas(response)
    page.drawString(100, 100, request.POST.get("title", ""))
    page.save()
    return response


def safe_sheet_export(request):
    book = Workbook()
    book.active.append(["name"])
    book.save(response)
    return response


def safe_pdf_by_orientation(request, wide):
    buffer = io.BytesIO()
    if wide:
        cert = canvas.Canvas(buffer, pagesize=(842, 595))
    else:
        cert = canvas.Canvas(buffer, pagesize=(595, 842))
    cert.drawString(100, 100, request.GET.get("name", ""))
    cert.save()
    return HttpResponse(buffer.getvalue(), content_type="application/pdf")


def write_row_named_like_document(request, wide, row):
    """database write"""
    if wide:
        doc = canvas.Canvas(io.BytesIO())
    else:
        doc = row
    doc.save()


def safe_own_class_method(request):
    # the project's classmethod named like a manager's: not Django's
    config = UserConfig.get_or_create(request.user)
    return HttpResponse(config.theme)


def write_manager_get_or_create(request):
    """database write"""
    Item.objects.get_or_create(name=request.GET["name"])


def safe_gateway_customer(request):
    # Braintree's gateway: a request to the payment provider, not a row
    result = gateway.customer.create({"email": request.POST["email"]})
    return HttpResponse(result.is_success)


def write_gateway_items(request, shop):
    """database write"""
    # a related manager of the project's own Gateway model
    shop.gateway.items.create(label=request.POST["label"])


def write_customer_row(request):
    """database write"""
    Customer.objects.create(email=request.POST["email"])


def write_row_named_page(request, page):
    """database write"""
    page.title = request.POST["title"]
    page.save()


def safe_export_folder(request):
    folder = settings.EXPORT_FOLDER
    path_folder = os.path.join(settings.MEDIA_ROOT, folder)
    os.makedirs(path_folder, exist_ok=True)
    return path_folder


def write_user_folder(request):
    """file system change"""
    os.makedirs(os.path.join(settings.MEDIA_ROOT, request.GET["name"]), exist_ok=True)
