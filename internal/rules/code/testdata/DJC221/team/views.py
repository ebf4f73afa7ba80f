from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView, UpdateView

from .models import Memo, Timesheet


class MemoList(LoginRequiredMixin, ListView):
    model = Memo
    paginate_by = 50


class MemoDetail(LoginRequiredMixin, DetailView):  # safe: the list shows every memo to every member
    model = Memo


class MemoEdit(LoginRequiredMixin, UpdateView):  # want "view MemoEdit serves any Memo by the pk in the URL"
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
