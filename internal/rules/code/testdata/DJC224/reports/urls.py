from django.urls import path

from . import views

urlpatterns = [
    path("reports/", views.ReportList.as_view()),
    path("reports/<int:pk>/", views.ReportEdit.as_view()),
    path("api/reports/", views.ReportApi.as_view()),
    path("reports/count/", views.ReportCount.as_view()),
    path("dashboard/", views.Dashboard.as_view()),
    path("help/", views.Help.as_view()),
    path("totals/", views.Totals.as_view()),
]
