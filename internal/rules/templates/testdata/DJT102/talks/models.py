from django.db import models


class Conference(models.Model):
    name = models.CharField(max_length=100)
    description = models.TextField()  # written by staff, in the admin


class Talk(models.Model):
    conference = models.ForeignKey(Conference, on_delete=models.CASCADE)
    title = models.CharField(max_length=200)
    description = models.TextField()  # written by speakers through TalkForm
    abstract = models.TextField()  # written by speakers too, on update


class LocalUserGroup(models.Model):
    motto = models.TextField()  # written by staff, in the admin


class Presenter(models.Model):
    motto = models.TextField()  # written by presenters through PresenterForm


class Patron(models.Model):
    pitch = models.TextField()  # written by staff, in the admin


class Sponsor(models.Model):
    sponsor_blurb = models.TextField()  # written by staff, in the admin


class Venue(models.Model):
    venue_notes = models.TextField()  # written through VenueForm, whose data a helper stores whole


class Shelf(models.Model):
    shelf_note = models.TextField()  # written by staff, in the admin
    shelf_label = models.TextField()  # written by staff, in the admin
    shelf_caption = models.TextField()  # written by staff, in the admin
