from django.urls import path

from . import views

urlpatterns = [
    path("ballots/<str:ballot_uuid>/rename/", views.rename_ballot),
    path("ballots/<str:ballot_uuid>/counters/<int:counter_id>/key/", views.upload_key),
    path("ballots/<str:ballot_uuid>/retitle/", views.retitle_open_ballot),
    path("ballots/<str:ballot_uuid>/close/", views.close_ballot),
    path("ballots/<str:ballot_uuid>/reopen/", views.reopen_ballot),
    path("ballots/<str:ballot_uuid>/archive/", views.archive_ballot),
]
