from django.urls import path

from . import views

urlpatterns = [
    path("health/", views.health),
    path("import/", views.ImportRecipeView.as_view()),
    path("plugins/upload/", views.upload_plugin),
    path("jobs/<int:pk>/", views.JobDetailView.as_view()),
    path("rebuild/", views.rebuild_index),
    path("sync/", views.sync_feeds),
    path("export/", views.export),
    path("quiet/", views.quiet_failure),
    path("checks/", views.checks),
]
