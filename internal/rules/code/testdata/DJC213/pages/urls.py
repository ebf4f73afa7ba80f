from django.urls import path

from . import views

urlpatterns = [
    path("jobs/<int:pk>/prio-up/", views.job_prio_up),
    path("jobs/remove-all/", views.jobs_remove_all),
    path("jobs/<int:pk>/rename/", views.job_rename),
    path("jobs/add/", views.job_add),
    path("jobs/<int:pk>/disable/", views.job_disable),
]
urlpatterns += [
    path("jobs/reset/", views.jobs_reset),
    path("jobs/enable-all/", views.jobs_enable_all),
]
urlpatterns += [path("jobs/purge/", views.jobs_purge), path("jobs/touch/", views.jobs_touch)]
urlpatterns += [path("jobs/from-site/", views.job_from_site), path("jobs/from-label/", views.job_from_label)]
urlpatterns += [path("jobs/from-partner/", views.job_from_partner), path("jobs/from-team/", views.job_from_team)]
