from django.urls import path

from . import views

urlpatterns = [
    path("search/", views.search),
    path("check/", views.check_names),
    path("check/count/", views.check_then_count),
    path("search/field/", views.search_field),
    path("export/", views.export),
    path("filter/", views.allowed_filters),
    path("status/", views.by_status),
    path("title/", views.by_title),
    path("form/", views.by_form),
    path("mine/<int:pk>/", views.mine),
    path("loose/", views.loose_filters),
    path("comprehension/", views.comprehension),
    path("period/", views.period),
    path("text/", views.text_search),
    path("column/", views.column_search),
    path("codes/", views.by_codes),
    path("pairs/", views.by_pairs),
    path("related/", views.with_related),
    path("related/matching/", views.related_matching),
    path("flag/", views.by_flag),
]
