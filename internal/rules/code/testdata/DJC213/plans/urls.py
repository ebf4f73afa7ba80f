from django.urls import path

from . import members, views

urlpatterns = [
    path("plans/<int:plan_id>/link/", views.LinkItemsView.as_view()),
    path("plans/<int:plan_id>/unlink/<int:item_id>/", views.unlink_item),
    path("plans/<int:plan_id>/summary/", views.plan_summary),
    path("plans/<int:plan_id>/items/", views.edit_plan_items),
    path("people/<str:username>/rename/", views.rename_own_profile),
    path("plans/<int:plan_id>/notes/", members.note_on_plan),
    path("plans/<int:plan_id>/notes/any/", views.note_on_plan_anyway),
    path("plans/new/", views.PlanCreateView.as_view()),
    path("plans/copy/", views.PlanCopyView.as_view()),
]
