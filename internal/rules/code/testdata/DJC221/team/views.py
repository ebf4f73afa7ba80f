from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView, UpdateView

from .models import Alarm, Badge, Memo, Task, Timesheet


class MemoList(LoginRequiredMixin, ListView):
    model = Memo
    paginate_by = 50


class MemoDetail(LoginRequiredMixin, DetailView):  # safe: the list shows every memo to every member
    model = Memo


class MemoEdit(LoginRequiredMixin, UpdateView):  # want "MemoEdit lets every logged-in user change any Memo by the pk in the URL; but a list view shows every Memo to every member, and no code of the project limits Memos to their user"
    model = Memo
    fields = ["text"]


class TimesheetDetail(LoginRequiredMixin, DetailView):  # want "view TimesheetDetail serves any Timesheet by the pk in the URL"
    model = Timesheet


class MyTimesheets(LoginRequiredMixin, ListView):
    model = Timesheet

    def get_queryset(self):
        return Timesheet.objects.filter(user=self.request.user)


def memo_text(request, pk):  # safe: the list shows every memo to every member
    if not request.user.is_authenticated:
        return JsonResponse({}, status=401)
    memo = get_object_or_404(Memo, pk=pk)
    return JsonResponse({"text": memo.text})


def timesheet_hours(request, pk):
    if not request.user.is_authenticated:
        return JsonResponse({}, status=401)
    sheet = get_object_or_404(Timesheet, pk=pk)  # want "Timesheet is looked up by the pk from the URL in a view that requires only a login"
    return JsonResponse({"hours": sheet.hours})


class TaskList(LoginRequiredMixin, ListView):
    model = Task


class MyTasks(LoginRequiredMixin, ListView):
    # the project limits tasks to their owner here: they are someone's
    def get_queryset(self):
        return Task.objects.filter(user=self.request.user)


class TaskEdit(LoginRequiredMixin, UpdateView):  # want "view TaskEdit serves any Task by the pk in the URL"
    model = Task
    fields = ["title"]


def alarm_list(request):
    if not request.user.is_authenticated:
        return JsonResponse({}, status=401)
    return JsonResponse({"alarms": [a.pattern for a in Alarm.objects.all().order_by("pattern")]})


def alarm_pattern(request, pk):  # safe: alarm_list shows every alarm to every member
    if not request.user.is_authenticated:
        return JsonResponse({}, status=401)
    alarm = get_object_or_404(Alarm, pk=pk)
    return JsonResponse({"pattern": alarm.pattern})


def badge_total(request):
    if not request.user.is_authenticated:
        return JsonResponse({}, status=401)
    return JsonResponse({"badges": Badge.objects.all().count()})


def badge_name(request, pk):
    if not request.user.is_authenticated:
        return JsonResponse({}, status=401)
    badge = get_object_or_404(Badge, pk=pk)  # want "Badge is looked up by the pk from the URL in a view that requires only a login"
    return JsonResponse({"name": badge.name})
