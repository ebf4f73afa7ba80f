from django.urls import path

from . import views

urlpatterns = [
    path("packages/<str:name>/download/", views.download),
    path("packages/<str:name>/stats/", views.download_stats),
    path("packages/<str:name>/archive/", views.archive_release),
    path("packages/<str:name>/download-counted/", views.download_counted),
    path("packages/<str:name>/rename/", views.rename_and_count),
    path("packages/<str:name>/retitle/", views.retitle),
    path("packages/new/", views.new_package),
    path("packages/<str:name>/clear/", views.clear_upload),
    path("packages/<str:name>/favourite/", views.FavouriteView.as_view()),
    path("packages/<str:name>/favourite-for/", views.FavouriteForView.as_view()),
    path("account/delete/", views.MyAccountDelete.as_view()),
    path("accounts/<int:pk>/delete/", views.AccountDelete.as_view()),
    path("packages/<str:name>/edit/", views.PackageEdit.as_view()),
    path("packages/<str:name>/retitle/", views.PackageRetitle.as_view()),
]
