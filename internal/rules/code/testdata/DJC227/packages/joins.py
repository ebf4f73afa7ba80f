# Views whose GET shows a form by a helper that also takes the submitted
# form: the write is on the form's branch, which the GET's call, leaving
# the form out, never runs.
from django import forms
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404, redirect, render
from django.views import View

from .models import Package, Release


class CodeForm(forms.Form):
    code = forms.CharField()


class JoinView(LoginRequiredMixin, View):
    def get(self, request, pk):  # safe: the helper joins only when given a form, which the GET leaves out
        self.package = get_object_or_404(Package, pk=pk)
        return self.ask_for_code()

    def post(self, request, pk):
        self.package = get_object_or_404(Package, pk=pk)
        return self.ask_for_code(CodeForm(request.POST))

    def ask_for_code(self, form=None, notify=False):
        if form is not None and form.is_valid():
            self.package.usage.add(self.request.user)
            return redirect("packages")
        if notify:
            Release.objects.filter(package=self.package).update(yanked=False)
        return render(self.request, "join.html", {"form": form or CodeForm()})


class JoinNotifyView(JoinView):
    def get(self, request, pk):  # want "JoinNotifyView.get writes to the database \\(self.ask_for_code\\(\\), Release.objects"
        # passes notify: the branch it decides runs
        self.package = get_object_or_404(Package, pk=pk)
        return self.ask_for_code(notify=True)


class JoinDefaultView(LoginRequiredMixin, View):
    def get(self, request, pk):  # want "JoinDefaultView.get writes to the database \\(self.ask_for_code\\(\\), self.package.usage.add"
        # the helper fills the missing form in before it asks: the join runs
        self.package = get_object_or_404(Package, pk=pk)
        return self.ask_for_code()

    def ask_for_code(self, form=None):
        if form is None:
            form = CodeForm(self.request.GET)
        if form.is_valid():
            self.package.usage.add(self.request.user)
        return render(self.request, "join.html", {"form": form})
