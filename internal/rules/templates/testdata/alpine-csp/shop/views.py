from django.shortcuts import render

from .records import load_record


def record(request):
    return render(request, "shop/record.html", {"record_id": load_record(request)})
