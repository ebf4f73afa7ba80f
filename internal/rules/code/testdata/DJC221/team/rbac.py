# A project mixin that does what LoginRequiredMixin and UserPassesTestMixin
# do together: its dispatch turns anonymous visitors away through a method
# of its own, then asks the view's test_func.
from django.contrib.auth.mixins import AccessMixin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.views.generic import DetailView, UpdateView

from .models import Task, Timesheet


class RoleMixin(AccessMixin):
    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_not_authenticated()
        if not self.get_test_func()():
            return self.handle_no_permission()
        return super().dispatch(request, *args, **kwargs)

    def handle_not_authenticated(self):
        if self.raise_exception:
            raise PermissionDenied("log in first")
        return redirect_to_login(self.request.get_full_path())


class SheetDetail(RoleMixin, DetailView):  # safe: test_func asks the sheet whether this user may see it
    model = Timesheet

    def test_func(self):
        return self.get_object().user_can_view(self.request.user)


class SheetPeek(RoleMixin, DetailView):  # want "view SheetPeek serves any Timesheet by the pk in the URL"
    # test_func lets every logged-in user by
    model = Timesheet

    def test_func(self):
        return True


class TaskRename(RoleMixin, UpdateView):  # safe: test_func asks the task through its owner's team
    model = Task
    fields = ["title"]

    def test_func(self):
        return self.get_object().user.team.can_edit(self.request.user)
