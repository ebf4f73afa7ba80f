from django.urls import path

from . import views

urlpatterns = [
    path("teams/", views.TeamAdmin.as_view()),
    path("projects/", views.ProjectList.as_view()),
]

urlpatterns += [
    path("catalogs/", views.CatalogViewSet.as_view({"get": "list", "post": "create"})),
    path("shelves/", views.ShelfViewSet.as_view({"get": "list", "post": "create"})),
]
urlpatterns += [path("config/", views.SiteConfigViewSet.as_view({"get": "list", "put": "update"}))]
urlpatterns += [path("connectors/", views.ConnectorList.as_view()), path("feeds/", views.FeedList.as_view())]
urlpatterns += [path("alerts/", views.AlertViewSet.as_view({"get": "list", "post": "create"})), path("watches/", views.WatchViewSet.as_view({"get": "list", "post": "create"}))]
