from django.db.models import Q
from django.shortcuts import render

from .forms import ShelfFilterForm, ShelfPagerForm
from .models import Shelf


def shelves(request):
    # the form's data looks rows up, through Q, and goes back as JSON
    form = ShelfFilterForm(request.GET)
    rows = Shelf.objects.all()
    if form.is_valid():
        rows = rows.filter(Q(**form.cleaned_data))
    return render(request, "talks/shelves.html", {"shelves": rows, "shelf": rows.first(), "form": form})


def shelf_page(request, form_class=ShelfPagerForm, **kwargs):
    # the form is bound from keywords, and the caller's keywords are passed on
    params = {"data": request.GET}
    form = form_class(**params)
    return paged(request, form, **kwargs)


def paged(request, form, **kwargs):
    return render(request, "talks/shelves.html", {"form": form, **kwargs})


def shelf_caption(request):
    # a response helper echoes the caption typed, and stores nothing
    return make_json_response(shelf_caption=request.GET.get("caption", ""))


def make_json_response(**data):
    from django.http import JsonResponse

    return JsonResponse(data)
