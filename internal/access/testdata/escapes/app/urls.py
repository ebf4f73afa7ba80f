from django.urls import path

from app import views

# Route strings are the project's own, and a crafted one holds what a
# terminal obeys: a screen clear, a title change, a line break that forges
# a route of its own.
urlpatterns = [
    path("notes/\x1b[2J\x1b]0;owned\x07", views.notes, name="notes\u202e"),
    path("inbox/\n/admin/ (admin)  GET\n  authentication  login", views.inbox),
]
