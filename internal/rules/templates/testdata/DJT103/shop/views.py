import json

from django.conf import settings
from django.contrib.auth.models import User
from django.shortcuts import render
from django.middleware.csrf import get_token
from django.urls import reverse
from django.views.generic import TemplateView

from .settings import THUMBNAIL_SIZE


def store_map(request):
    map_config = json.dumps({"key": settings.MAPS_API_KEY, "zoom": 12})
    ctx = {
        "map_config": map_config,
        "cart_url": reverse("shop:cart"),
        "search_state": json.dumps({"q": request.GET.get("q", "")}),
        "region": settings.DEFAULT_REGION,
        "view_csrf_token": get_token(request),
    }
    return render(request, "shop/store_map.html", ctx)


class CheckoutView(TemplateView):
    template_name = "shop/checkout_cbv.html"
    extra_context = {"support_phone": settings.SUPPORT_PHONE}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["csrf"] = get_token(self.request)
        context["payment_config"] = json.dumps({"key": settings.PAYMENT_PUBLIC_KEY})
        context["coupon"] = self.request.GET.get("coupon", "")
        return context


class GiftCheckoutView(CheckoutView):
    # No template_name of its own: renders CheckoutView's template with an
    # unsafe value under a key the base sets safely.
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["payment_config"] = self.request.GET.get("config", "{}")
        return context


def stores(request, username, template="shop/stores.html"):
    data = {"owner_name": username}
    data["owner"], _ = User.objects.get_or_create(username=username)
    data["list_url"] = reverse("shop:stores", kwargs={"username": username})
    return render(request, template, data)


def stores_embed(request, username):
    return stores(request, username, template="shop/stores_embed.html")


def stores_print(request, username, template="shop/stores_print.html"):
    # the parameter is replaced before the render: what it names is not
    # what renders
    if request.GET.get("plain"):
        template = "shop/stores.html"
    data = {"list_url": reverse("shop:stores", kwargs={"username": username})}
    return render(request, template, data)


def parcel_batch(request):
    return render(request, "shop/parcel_batch.html", {"batch_uuid": request.GET.get("batch", "")})


def review_ui(request):
    return render(request, "shop/review_ui.html", {"view_data": load_review(request), "raw_data": load_review(request)})


def gallery(request):
    return render(request, "shop/gallery.html", {"thumb_size": THUMBNAIL_SIZE, "title": request.GET.get("t", "")})


def station_map(request, pk):
    return render(request, "shop/station_map.html", {"station": load_station(pk)})


def scan_dashboard(request):
    from django.core.paginator import Paginator
    from django.db.models import Max, Min, Sum

    from .models import Edition, ScanSummary

    scans = ScanSummary.objects.filter(owner=request.user)
    page = Paginator(scans, 25).get_page(request.GET.get("page"))
    fatal = scans.filter(fatal__gt=0).count()
    return render(request, "shop/scan_dashboard.html", {
        "scans": scans,
        "page": page,
        "fatal_scans": fatal,
        "share": fatal / (len(scans) or 1) * 100,
        "totals": scans.aggregate(Sum("fatal"), Sum("warn")),
        "warn_total": scans.aggregate(total=Sum("warn"))["total"],
        "last_label": scans.aggregate(Max("label")),
        "first_scan": scans.aggregate(Min("created"))["created__min"],
        "edition": Edition.objects.first(),
    })
