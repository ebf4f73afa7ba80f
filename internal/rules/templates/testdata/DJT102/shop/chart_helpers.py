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
