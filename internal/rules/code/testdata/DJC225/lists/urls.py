from django.urls import path

from . import views

urlpatterns = [
    path("lists/<int:pk>/edit/", views.edit_list),
    path("lists/new/", views.create_list),
    path("lists/new/locked/", views.create_locked),
    path("lists/<int:pk>/rename/", views.rename_list),
    path("tags/new/", views.add_tag),
    path("lists/<int:pk>/assign/", views.assign_list),
    path("lists/<int:pk>/", views.show_list),
    path("api/lists/", views.api_create),
    path("api/lists/hidden/", views.api_create_hidden),
    path("api/lists/import/", views.api_import),
]
urlpatterns += [path("shelves/", views.create_shelf), path("shelves/<int:pk>/edit/", views.edit_shelf)]
