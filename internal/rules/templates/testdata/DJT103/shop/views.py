import json

from django.conf import settings
from django.shortcuts import render
from django.urls import reverse


def store_map(request):
    map_config = json.dumps({"key": settings.MAPS_API_KEY, "zoom": 12})
    ctx = {
        "map_config": map_config,
        "cart_url": reverse("shop:cart"),
        "search_state": json.dumps({"q": request.GET.get("q", "")}),
        "region": settings.DEFAULT_REGION,
    }
    return render(request, "shop/store_map.html", ctx)
