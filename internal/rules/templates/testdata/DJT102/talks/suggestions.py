from .models import Venue


def store_suggestion(**fields):
    Venue.objects.create(**fields)
