from django.urls import include, path, re_path
from rest_framework.routers import DefaultRouter

from . import graph, views
from .api import ProductImportViewSet, ProductViewSet

router = DefaultRouter()
router.register(r"products", ProductViewSet, basename="product")
router.register(r"imports", ProductImportViewSet, basename="import")

urlpatterns = [
    path("graph/names/", graph.names),
    path("graph/names-vars/", graph.names_with_variables),
    path("search/", views.search, name="search"),
    path("category/<slug:category>/", views.category, name="category"),
    path("product/<int:pk>/", views.product_detail, name="product-detail"),
    path("sorted/", views.SortedListView.as_view(), name="sorted"),
    re_path(r"^archive/(?P<year>\d{4})/$", views.archive, name="archive"),
    path("report/", views.report, name="report"),
    path("filter/", views.filter_form, name="filter"),
    path("psearch/", views.ProductSearchView.as_view(), name="psearch"),
    path("api/", include(router.urls)),
]

from . import legacy

urlpatterns += [
    path("legacy/", legacy.legacy_search),
    path("saved/", legacy.saved_filter),
]

from . import where

urlpatterns += [
    path("count/", where.count_products),
    path("count-unsafe/", where.count_products_unsafe),
]
urlpatterns += [
    path("count-any/", where.count_matching_any),
    path("count-raw/", where.count_raw),
]

from . import jobs

urlpatterns += [
    path("jobs/approve/", jobs.approve),
    path("jobs/report/", jobs.report_rows),
]
