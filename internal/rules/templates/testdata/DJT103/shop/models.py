from uuid import uuid4

from django.contrib.gis.db import models as gis_models
from django.db import models


class Store(models.Model):
    uuid = models.UUIDField()
    opened_on = models.DateField()
    is_open = models.BooleanField(default=True)
    name = models.CharField(max_length=100)
    code = models.UUIDField()


class Voucher(models.Model):
    code = models.CharField(max_length=20)  # the same name as text: a code a user may type


class Parcel(models.Model):
    # a carrier's tracking id, typed in by staff: text, whatever its name
    tracking_uuid = models.CharField(max_length=64)


class Station(models.Model):
    name = models.CharField(max_length=100)
    location = gis_models.PointField(srid=4326)


class ScanSummary(models.Model):
    # counts a scanner's parser fills in: numbers, whatever their names
    fatal = models.IntegerField(default=0)
    warn = models.PositiveIntegerField(default=0)
    label = models.CharField(max_length=100)  # the scan's name, typed by a user
    reviewers = models.IntegerField(default=0)


class Team(models.Model):
    # a relation under the name another model gives a count: the manager
    # prints app.Model.None, no one's text
    reviewers = models.ManyToManyField("auth.User")
    # looks alike: the same name as text on another model
    label = models.ManyToManyField("auth.Group")


class Shipment(models.Model):
    store = models.ForeignKey(Store, on_delete=models.CASCADE)
    parcel = models.OneToOneField(Parcel, on_delete=models.CASCADE)
    # looks alike: a carrier's own reference, typed in, under an _id name
    carrier_id = models.CharField(max_length=40)
    carrier = models.ForeignKey(Store, related_name="+", on_delete=models.CASCADE)


class Campaign(models.Model):
    slug = models.SlugField(unique=True)
    headline = models.CharField(max_length=120)  # looks alike: text


class Shelf(models.Model):
    # what a shop's staff type for a shelf's display (strings.html): text
    greeting = models.CharField(max_length=80)
    customer_title = models.CharField(max_length=80)
    banner_text = models.TextField()
    item_limit = models.CharField(max_length=20)
    shelf_label = models.CharField(max_length=80)
    code = models.CharField(max_length=20)
    org_id = models.CharField(max_length=20)
    left = models.CharField(max_length=80)
    right = models.CharField(max_length=80)
    head = models.CharField(max_length=80)
    tail = models.CharField(max_length=80)
    unclosed = models.CharField(max_length=80)
    status_id = models.CharField(max_length=20)
    panel_kind = models.CharField(max_length=20)
    panel_text = models.CharField(max_length=80)
    raw_id = models.CharField(max_length=20)


def generate_uuid():
    import uuid

    return str(uuid.uuid4())


class Coupon(models.Model):
    # an old VARCHAR(36) UUID column the code fills: hex digits and dashes
    batch_uuid = models.CharField(
        max_length=36,
        unique=True,
        default=generate_uuid,
    )


class Edition(models.Model):
    # a magazine's issue as staff type it ("Spring"): text under a date part's name
    month = models.CharField(max_length=20)


def make_ref():
    """A reference for an order, made when it is saved."""
    return uuid4().hex


def make_label():
    """What the buyer calls the order: typed, not made."""
    return "order"


class Shipment(models.Model):
    # filled by make_ref, which returns uuid4().hex: no one types it
    ship_ref = models.CharField(max_length=32, default=make_ref)
    # make_label is the default, but the buyer may type another
    ship_label = models.CharField(max_length=40, default=make_label)
