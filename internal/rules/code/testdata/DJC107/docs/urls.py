from django.urls import path

from reports import views as report_views

from . import samples
from . import views

urlpatterns = [
    path("download/", views.download),
    path("files/<path:name>", views.serve_file),
    path("upload/", views.upload),
    path("chunk/", views.upload_chunk),
    path("chunk/loose/", views.upload_chunk_loosely),
    path("chunk/word/", views.upload_chunk_by_word),
    path("import/", views.import_dir),
    path("import/loose/", views.import_dir_loosely),
    path("media/", views.media),
    path("media/noted/", views.media_noted),
    path("reports/<int:year>/", views.yearly_report),
    path("delete/", views.DeleteView.as_view()),
    path("preview/", views.preview),
    path("manifest/", views.manifest),
    path("manifest-of-another/", views.manifest_of_another),
    path("scans/report/", views.scan_report),
    path("scans/log/", views.scan_log),
    path("inside/", views.view_inside),
    path("near/", views.view_near),
    path("inside/posix/", views.view_inside_posix),
    path("inside/str/", views.view_inside_str),
    path("inside/other/", views.view_inside_other),
    path("rollback/", views.rollback_file),
    path("theme/save/", views.save_theme),
    path("theme/show/", views.show_theme),
    path("notes/save/", views.save_note),
    path("rollback/guessed/", views.rollback_file_guessed),
    path("rollback/rebound/", views.rollback_file_rebound),
    path("reports/quarter/", report_views.quarter_report),
    path("reports/quarter-label/", report_views.quarter_label_report),
    path("samples/code/", samples.sample_code),
    path("samples/readme/", samples.sample_readme),
    path("samples/extra/", samples.sample_extra),
    path("bundles/export/", samples.export_bundle),
]

from rest_framework.routers import DefaultRouter

from . import themes_api

themes = DefaultRouter()
themes.register("themes", themes_api.ThemeViewSet, basename="theme")
themes.register("note-themes", themes_api.NoteThemeViewSet, basename="note-theme")
urlpatterns += themes.urls
