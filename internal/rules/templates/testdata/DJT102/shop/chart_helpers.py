from .models import Review


def empty_counts():
    # the chart's starting row: fixed labels and zeros
    return {"caption": "<b>Orders</b>", "new": 0, "paid": 0}


def review_series():
    # the days, and beside them what reviewers wrote
    days, bodies = [], []
    for review in Review.objects.all():
        days.append(review.created.strftime("%d/%m"))
        bodies.append(review.body)
    return days, bodies


def week_cell(tick, day, count):
    # one cell of a punch card: where its callers put it, and how many
    return [tick, day, count]


def week_label(tick, start):
    # the week's number and first day, written with the project's markup
    return [tick, start.strftime("<b>%d/%m</b>")]


def note_cell(tick, text):
    # a cell beside a note: what its one caller gives it
    return [tick, text]


def sorted_cell(tick, count=0):
    # also handed to sorted() as its key, which calls it where no caller
    # is seen
    return [tick, count]


def alias_cell(tick):
    # called here under its own name, and elsewhere under another
    return [tick]


def module_cell(tick):
    # called here by name, and elsewhere as an attribute of this module
    return [tick]
