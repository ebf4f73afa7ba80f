import hashlib
import os
import random
import subprocess

import requests
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.views.decorators.csrf import csrf_exempt

from .forms import OrderForm
from .models import Product, Subscriber


def product_list(request):
    products = Product.objects.all()
    return render(request, "shop/product_list.html", {"products": products})


def product_detail(request, slug):
    product = get_object_or_404(Product, slug=slug)
    return render(request, "shop/product_detail.html", {"product": product})


def search(request):
    q = request.GET.get("q", "")
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, name FROM shop_product WHERE name LIKE '%" + q + "%'")
        rows = cursor.fetchall()
    return render(request, "shop/search.html", {"rows": rows, "q": q})


def search_safe(request):
    q = request.GET.get("q", "")
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, name FROM shop_product WHERE name LIKE %s", ["%" + q + "%"])
        rows = cursor.fetchall()
    return render(request, "shop/search.html", {"rows": rows, "q": q})


@login_required
def checkout(request):
    form = OrderForm(request.POST or None)
    if form.is_valid():
        order = form.save(commit=False)
        order.customer = request.user
        order.save()
        return HttpResponseRedirect(request.GET.get("next", "/"))
    return render(request, "shop/checkout.html", {"form": form})


@csrf_exempt
def payment_webhook(request):
    payload = request.body.decode()
    Product.objects.filter(slug=request.POST.get("slug")).update(price=0)
    return HttpResponse("ok " + payload)


def invoice(request):
    number = request.GET["number"]
    path = os.path.join("/srv/invoices", number)
    with open(path, "rb") as fh:
        return HttpResponse(fh.read(), content_type="application/pdf")


def thumbnail(request):
    size = request.GET.get("size", "200x200")
    subprocess.call("convert product.jpg -resize " + size + " thumb.jpg", shell=True)
    return HttpResponse("done")


def fetch_preview(request):
    url = request.GET.get("url")
    return HttpResponse(requests.get(url, timeout=5).text)


def reset_token(request):
    token = "".join(random.choice("0123456789") for _ in range(6))
    digest = hashlib.md5(token.encode()).hexdigest()
    request.session["reset"] = digest
    return HttpResponse("sent")


@login_required
def cart(request):
    items = request.session.get("cart", {})
    if request.method == "POST":
        items.pop(request.POST.get("remove", ""), None)
        request.session["cart"] = items
    products = Product.objects.filter(slug__in=items.keys())
    return render(request, "shop/cart.html", {"products": products, "items": items})


def newsletter(request):
    if request.method == "POST":
        Subscriber.objects.get_or_create(email=request.POST.get("email", "")[:254])
    return HttpResponseRedirect("/")
