
from blog import views as blog_views

urlpatterns += [
    path("posts/<int:pk>/", blog_views.PostDetail.as_view()),
    path("posts/<int:pk>/reply/", blog_views.reply),
    path("posts/<int:pk>/retitle/", blog_views.retitle),
    path("drafts/<int:pk>/", blog_views.draft),
    path("questions/<int:pk>/answer/", blog_views.answer),
    path("questions/<int:pk>/vote/", blog_views.vote),
    path("questions/<int:pk>/quote/", blog_views.quote),
]

from team import views as team_views

urlpatterns += [
    path("memos/", team_views.MemoList.as_view()),
    path("memos/<int:pk>/", team_views.MemoDetail.as_view()),
    path("memos/<int:pk>/edit/", team_views.MemoEdit.as_view()),
    path("memos/<int:pk>/text/", team_views.memo_text),
    path("timesheets/", team_views.MyTimesheets.as_view()),
    path("tasks/", team_views.TaskList.as_view()),
    path("tasks/mine/", team_views.MyTasks.as_view()),
    path("tasks/<int:pk>/edit/", team_views.TaskEdit.as_view()),
    path("timesheets/<int:pk>/", team_views.TimesheetDetail.as_view()),
    path("timesheets/<int:pk>/hours/", team_views.timesheet_hours),
    path("alarms/", team_views.alarm_list),
    path("alarms/<int:pk>/", team_views.alarm_pattern),
    path("badges/", team_views.badge_total),
    path("badges/<int:pk>/", team_views.badge_name),
]

from rest_framework.routers import DefaultRouter

from people import views as people_views

people = DefaultRouter()
people.register("accounts", people_views.AccountViewSet, basename="account")
people.register("me", people_views.OwnAccountViewSet, basename="me")
people.register("directory", people_views.DirectoryViewSet, basename="directory")
people.register("staff-accounts", people_views.StaffAccountViewSet, basename="staff-account")
urlpatterns += people.urls
urlpatterns += [path("accounts/<int:pk>/language/", people_views.AccountLanguageView.as_view())]

from grants import views as grants_views

urlpatterns += [
    path("researchers/<int:pk>/delete/", grants_views.ResearcherDelete.as_view()),
    path("researchers/<int:pk>/remove/", grants_views.ResearcherRemove.as_view()),
]

from team import rbac as team_rbac
from team import rosters as team_rosters

urlpatterns += [
    path("sheets/<int:pk>/", team_rbac.SheetDetail.as_view()),
    path("sheets/<int:pk>/peek/", team_rbac.SheetPeek.as_view()),
    path("tasks/<int:pk>/rename/", team_rbac.TaskRename.as_view()),
    path("rosters/<int:pk>/approve/", team_rosters.RosterApprove.as_view()),
    path("rosters/<int:pk>/nominate/", team_rosters.RosterNominate.as_view()),
]
