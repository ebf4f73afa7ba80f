from django.shortcuts import render

from .carts import load_cart


def app(request):
    return render(request, "shop/app.html", {"config": request.GET.get("c", "{}"), "cart": load_cart(request)})
