from django.contrib import messages
from django.contrib.messages.views import SuccessMessageMixin
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.generic import CreateView

from .models import Order


def checkout(request):
    messages.success(request, _("Your order is on its way."))
    return redirect("home")


def cancel(request, pk):
    messages.add_message(request, messages.INFO, format_html('Cancelled. <a href="{}">Your orders</a>', reverse("orders")))
    return render(request, "shop/orders.html", {})


class OrderCreate(SuccessMessageMixin, CreateView):
    model = Order
    fields = ["note"]
    success_message = "Order created."
