from django.contrib.auth.decorators import permission_required
from django.urls import path

from . import views

urlpatterns = [
    path("votes/<int:pk>/open/", views.open_vote),
    path("votes/<int:pk>/close/", views.close_vote),
    path("votes/<int:pk>/reopen/", views.reopen_vote),
    path("votes/<int:pk>/tally/", views.tally),
    path("votes/<int:pk>/results/", views.results),
    path("votes/<int:pk>/recount/", views.recount),
    path("votes/<int:pk>/audit/", permission_required("votes.view_session", "votes.audit_session")(views.tally)),  # want "permission_required takes \"votes.audit_session\" as its login URL"
]
