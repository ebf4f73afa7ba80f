from django.shortcuts import render

from . import login_boxes
from . import login_boxes as boxes


def login_page(request):
    return render(request, "shop/login_page.html", {"box": login_boxes.login_box(request), "raw": boxes.raw_box(request)})
