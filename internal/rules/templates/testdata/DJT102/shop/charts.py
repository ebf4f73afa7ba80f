import json
from collections import OrderedDict
from datetime import timedelta

from django.contrib.humanize.templatetags.humanize import ordinal
from django.db.models import Count
from django.shortcuts import render
from django.utils import timezone
from django.views import View

from .chart_helpers import alias_cell, empty_counts, module_cell, note_cell, review_series, sorted_cell, week_cell, week_label
from .models import Order, Review


def review_rows():
    # made empty, then filled with what reviewers wrote
    rows = []
    for review in Review.objects.all():
        rows.append({"body": review.body})
    return rows


def daily_series():
    # the last days' dates and a count for each
    days, counts = [], [0 for _ in range(30)]
    day = timezone.now()
    for _ in range(30):
        days.append(day.strftime("%d/%m/%Y"))
        day -= timedelta(days=1)
    for order in Order.objects.filter(created__gte=day):
        counts[days.index(order.created.strftime("%d/%m/%Y"))] += 1
    return days, counts


def daily_buyers():
    # the dates, and beside them the names buyers gave
    days, names = [], []
    for order in Order.objects.all():
        days.append(order.created.strftime("%d/%m/%Y"))
        names.append(order.buyer_name)
    return days, names


def daily_page(request):
    days, counts = daily_series()
    buyer_days, buyer_names = daily_buyers()
    return render(request, "shop/daily_chart.html", {
        "days": json.dumps(days),
        "counts": json.dumps(counts),
        "buyer_days": json.dumps(buyer_days),
        "buyer_names": json.dumps(buyer_names),
    })


class SalesChartView(View):
    # the chart's words are the class's own; its numbers are counts
    labels = {0: "New", 1: "Paid", 2: "Shipped"}
    months = ["Jan", "Feb", "Mar"]

    def status_chart(self):
        names, counts = [], []
        for row in Order.objects.values("status").annotate(count=Count("id")):
            names.append(self.labels[row["status"]])
            counts.append(row["count"])
        return {"names": json.dumps(names), "counts": json.dumps(counts)}

    def monthly(self):
        data = [0, 0, 0]
        for row in Order.objects.values("month").annotate(count=Count("id")):
            data[row["month"]] = row["count"]
        return json.dumps(data)

    def buyers(self):
        rows = Order.objects.values("buyer_name").annotate(count=Count("id"))
        return json.dumps([row["buyer_name"] for row in rows])

    def review_texts(self):
        texts = []
        for review in Review.objects.all():
            texts.append(review.body)
        return texts

    def get(self, request):
        return render(request, "shop/charts.html", {
            "review_texts": json.dumps(self.review_texts()),
            "review_rows": json.dumps(review_rows()),
            "status_chart": self.status_chart(),
            "monthly": self.monthly(),
            "month_names": json.dumps(self.months),
            "label_names": json.dumps(list(self.labels.values())),
            "buyers": self.buyers(),
        })


class StatusChartPage(View):
    # the context is a name set to a dict, and the chart's data a dict of
    # JSON a method makes, with the largest count beside it
    labels = {0: "New", 1: "Paid"}

    def piechart(self):
        names = []
        counts = []
        for row in Order.objects.values("status").annotate(count=Count("id")):
            names.append(self.labels[row["status"]])
            counts.append(row["count"])
        return {"names": json.dumps(names), "counts": json.dumps(counts), "top": max(counts)}

    def get(self, request):
        context = {"piechart": self.piechart(), "longest": max(review.body for review in Review.objects.all())}
        return render(request, "shop/status_page.html", context=context)


class ColumnsChartView(View):
    columns = ["Total", "Paid"]

    def get(self, request):
        # the columns the class names, until the query string replaces them
        if "columns" in request.GET:
            self.columns = request.GET.getlist("columns")
        return render(request, "shop/columns_chart.html", {"columns": json.dumps(self.columns)})


def panel(request, pk):
    # the base is a page of its own too: its block's default is shown
    return render(request, "shop/panel.html", {"panel_html": Review.objects.get(pk=pk).body})


def weekly_page(request):
    # each week's label is a date written with the project's own markup;
    # the notes loop binds the same names to what buyers wrote
    weeks = OrderedDict()
    notes = dict()
    for order in Order.objects.all():
        start = order.created - timedelta(days=order.created.weekday())
        label = start.strftime("<span class='week'>%d/%m<br/>%Y</span>")
        if label in weeks:
            weeks[label]["orders"] += 1
        else:
            weeks[label] = {"orders": 1}
            weeks[label]["week"] = label
        notes[order.pk] = {"week": order.buyer_name}
    return render(request, "shop/weekly_chart.html", {"weeks": weeks, "notes": notes})


def counts_page(request):
    # the helpers live in another module of the project
    base = empty_counts()
    days, bodies = review_series()
    return render(request, "shop/counts.html", {"base": base, "days": json.dumps(days), "bodies": json.dumps(bodies)})


def first_rows(request):
    # an item of a list the view fills with counts, and one of a list it
    # fills with what buyers wrote
    counts, names = [0, 0, 0], []
    for order in Order.objects.all():
        counts[order.status] += 1
        names.append(order.buyer_name)
    return render(request, "shop/first_rows.html", {"top": counts[0], "first": names[0]})


def can_refund(user):
    return user.is_staff


def buyer_label(order):
    return order.buyer_name


def ranks_page(request):
    # places written out, and what the viewer may do
    places = [ordinal(i) for i in range(1, 5)]
    buyers = [ordinal(o.buyer_name) for o in Order.objects.all()]
    rights = {"refund": can_refund(request.user), "notes": request.user.has_perm("shop.view_note")}
    labels = {"first": buyer_label(Order.objects.first())}
    return render(request, "shop/ranks.html", {
        "places": json.dumps(places), "buyers": json.dumps(buyers),
        "rights": json.dumps(rights), "labels": json.dumps(labels),
    })


def punch_page(request):
    # the cells and labels of a punch card, made by helpers of another
    # module from what this view passes them
    cells, labels, notes, keyed = [], [], [], []
    tick = 0
    start = timezone.now()
    while tick < 7:
        cells.append(week_cell(tick, tick % 7, count=len(cells)))
        labels.append(week_label(tick, start))
        tick += 1
    for review in Review.objects.all():
        notes.append(note_cell(tick, review.body))
    keyed.append(sorted_cell(tick))
    keyed.sort(key=sorted_cell)
    return render(request, "shop/punch.html", {
        "cells": json.dumps(cells), "labels": json.dumps(labels),
        "notes": json.dumps(notes), "keyed": json.dumps(keyed),
        "aliased": json.dumps(alias_cell(tick)), "moduled": json.dumps(module_cell(tick)),
    })
