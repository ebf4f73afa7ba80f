from django.urls import path

from . import curated, owners, views

urlpatterns = [
    path("suggest/", views.SuggestEventView.as_view()),
    path("suggest/named/", views.SuggestNamedEventView.as_view()),
    path("events/<int:pk>/answer/", views.answer_quiz),
    path("reasons/", views.give_reason),
    path("events/<int:pk>/count/", views.count_answer),
    path("events/<int:pk>/edit/", views.edit_event),
    path("events/<int:pk>/close/", views.suggest_and_close),
    path("events/<int:pk>/edit-view/", views.EditEventView.as_view()),
    path("members/", views.make_member),
    path("events/close/", views.close_events),
    path("options/", views.merge_options),
    path("calendar/", views.read_calendar),
    path("calendar/stamp/", views.stamp_calendar),
    path("curated/add/", curated.add_event),
    path("curated/quick/", curated.add_event_quickly),
    path("curated/owner/", curated.FirstOwnerView.as_view()),
    path("curated/owners/make/", owners.make_owner),
]
