#!/usr/bin/env python3
"""Write a large Django-like project for benchmarking djsec's code analysis.

Usage: gen_django.py DIR [APPS]

Each app holds models, forms, serializers, services, function and
class-based views, a DRF viewset and urls, about 1,000 lines in all, with a
few injected flaws and many safe look-alikes. The output is deterministic.
"""
import os
import sys

MODELS = '''from django.conf import settings
from django.db import models


class {M}(models.Model):
    name = models.CharField(max_length=100)
    slug = models.SlugField(unique=True)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    price = models.DecimalField(max_digits=8, decimal_places=2, default=0)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created"]

    def __str__(self):
        return self.name
'''

FORMS = '''from django import forms

from .models import {M}


class {M}Form(forms.ModelForm):
    class Meta:
        model = {M}
        fields = ["name", "slug", "price"]


class {M}SearchForm(forms.Form):
    q = forms.CharField(max_length=100, required=False)
    order = forms.ChoiceField(choices=[("name", "name"), ("price", "price")], required=False)
'''

SERIALIZERS = '''from rest_framework import serializers

from .models import {M}


class {M}Serializer(serializers.ModelSerializer):
    class Meta:
        model = {M}
        fields = ["id", "name", "slug", "price"]
'''

SERVICES_HEAD = '''import logging
import os

from django.conf import settings
from django.db import connection

logger = logging.getLogger(__name__)
ORDER_FIELDS = {{"name", "price", "created"}}


def table_name():
    return "{app}_{m}"
'''

SERVICE_FN = '''

def search_{i}(term, order="name"):
    if order not in ORDER_FIELDS:
        order = "name"
    sql = "SELECT id, name FROM " + table_name() + " WHERE name LIKE %s ORDER BY " + order
    with connection.cursor() as cursor:
        cursor.execute(sql, ["%" + term + "%"])
        rows = cursor.fetchall()
    logger.debug("search %d returned %d rows", {i}, len(rows))
    return [{{"id": r[0], "name": r[1]}} for r in rows]


def total_{i}(ids):
    clean = [int(x) for x in ids]
    placeholders = ", ".join(["%s"] * len(clean))
    with connection.cursor() as cursor:
        cursor.execute("SELECT SUM(price) FROM " + table_name() + " WHERE id IN (" + placeholders + ")", clean)
        return cursor.fetchone()[0] or 0


def export_path_{i}(name):
    base = os.path.join(settings.MEDIA_ROOT, "exports")
    return os.path.join(base, os.path.basename(name))


def summarize_{i}(items):
    total = 0
    names = []
    for item in items:
        total += item.get("price", 0)
        names.append(item.get("name", ""))
    if total > 1000:
        logger.info("large basket of %d items", len(items))
    return {{"total": total, "names": sorted(names)}}
'''

VULN_SERVICE = '''

def unsafe_lookup(term):
    with connection.cursor() as cursor:
        cursor.execute("SELECT id FROM " + table_name() + " WHERE name = '" + term + "'")
        return cursor.fetchall()
'''

VIEWS_HEAD = '''from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View
from django.views.generic import DetailView, ListView

from . import services
from .forms import {M}Form, {M}SearchForm
from .models import {M}
'''

VIEW_FN = '''

def list_{i}(request):
    form = {M}SearchForm(request.GET or None)
    items = {M}.objects.all()
    if form.is_valid() and form.cleaned_data["q"]:
        items = items.filter(name__icontains=form.cleaned_data["q"])
    page = int(request.GET.get("page", "1"))
    start = (page - 1) * 20
    return render(request, "{app}/list.html", {{"items": items[start:start + 20], "form": form}})


def search_{i}(request):
    q = request.GET.get("q", "")
    order = request.GET.get("order", "name")
    rows = services.search_{i}(q, order)
    summary = services.summarize_{i}(rows)
    return JsonResponse({{"rows": rows, "summary": summary}})


@login_required
def edit_{i}(request, slug):
    obj = get_object_or_404({M}, slug=slug, owner=request.user)
    form = {M}Form(request.POST or None, instance=obj)
    if request.method == "POST" and form.is_valid():
        form.save()
        next_url = request.POST.get("next", "")
        if url_has_allowed_host_and_scheme(next_url, allowed_hosts={{request.get_host()}}):
            return redirect(next_url)
        return redirect(reverse("{app}:detail-{i}", args=[obj.slug]))
    return render(request, "{app}/edit.html", {{"form": form, "obj": obj}})


def greet_{i}(request):
    name = request.GET.get("name", "friend")
    return HttpResponse(format_html("<p>Hello {{}}</p>", name))


class Detail{i}(DetailView):
    model = {M}
    slug_url_kwarg = "slug"
    template_name = "{app}/detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["related"] = {M}.objects.filter(owner=self.object.owner).exclude(pk=self.object.pk)[:5]
        return ctx


class Total{i}(LoginRequiredMixin, View):
    def get(self, request):
        ids = request.GET.getlist("id")
        total = services.total_{i}(ids)
        return JsonResponse({{"total": total}})
'''

VULN_VIEW = '''

def unsafe_search(request):
    term = request.GET["term"]
    return JsonResponse({{"rows": services.unsafe_lookup(term)}})


def unsafe_hello(request):
    return HttpResponse("<h1>" + request.GET.get("name", "") + "</h1>")
'''

API = '''from rest_framework import permissions, viewsets
from rest_framework.response import Response

from .models import {M}
from .serializers import {M}Serializer


class {M}ViewSet(viewsets.ModelViewSet):
    serializer_class = {M}Serializer
    permission_classes = [permissions.IsAuthenticated]

    def get_queryset(self):
        qs = {M}.objects.filter(owner=self.request.user)
        name = self.request.query_params.get("name")
        if name:
            qs = qs.filter(name__icontains=name)
        return qs

    def perform_create(self, serializer):
        serializer.save(owner=self.request.user)
'''

URLS_HEAD = '''from django.urls import include, path
from rest_framework.routers import DefaultRouter

from . import views
from .api import {M}ViewSet

app_name = "{app}"
router = DefaultRouter()
router.register(r"{m}s", {M}ViewSet, basename="{m}")

urlpatterns = [
    path("api/", include(router.urls)),
'''


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


def main():
    root = sys.argv[1]
    apps = int(sys.argv[2]) if len(sys.argv) > 2 else 250
    per = 10  # functions per module
    for a in range(apps):
        app = "app%03d" % a
        m = "item%03d" % a
        M = "Item%03d" % a
        d = os.path.join(root, app)
        fmt = dict(app=app, m=m, M=M)
        write(os.path.join(d, "__init__.py"), "")
        write(os.path.join(d, "models.py"), MODELS.format(**fmt))
        write(os.path.join(d, "forms.py"), FORMS.format(**fmt))
        write(os.path.join(d, "serializers.py"), SERIALIZERS.format(**fmt))
        write(os.path.join(d, "api.py"), API.format(**fmt))
        svc = SERVICES_HEAD.format(**fmt) + "".join(SERVICE_FN.format(i=i, **fmt) for i in range(per))
        views = VIEWS_HEAD.format(**fmt) + "".join(VIEW_FN.format(i=i, **fmt) for i in range(per))
        urls = URLS_HEAD.format(**fmt)
        for i in range(per):
            urls += '    path("list/{i}/", views.list_{i}, name="list-{i}"),\n'.format(i=i)
            urls += '    path("search/{i}/", views.search_{i}, name="search-{i}"),\n'.format(i=i)
            urls += '    path("edit/{i}/<slug:slug>/", views.edit_{i}, name="edit-{i}"),\n'.format(i=i)
            urls += '    path("greet/{i}/", views.greet_{i}, name="greet-{i}"),\n'.format(i=i)
            urls += '    path("detail/{i}/<slug:slug>/", views.Detail{i}.as_view(), name="detail-{i}"),\n'.format(i=i)
            urls += '    path("total/{i}/", views.Total{i}.as_view(), name="total-{i}"),\n'.format(i=i)
        if a % 25 == 0:
            svc += VULN_SERVICE
            views += VULN_VIEW.format(**fmt)
            urls += '    path("unsafe/search/", views.unsafe_search),\n    path("unsafe/hello/", views.unsafe_hello),\n'
        urls += "]\n"
        write(os.path.join(d, "services.py"), svc)
        write(os.path.join(d, "views.py"), views)
        write(os.path.join(d, "urls.py"), urls)
    proj = os.path.join(root, "benchsite")
    write(os.path.join(proj, "__init__.py"), "")
    write(os.path.join(root, "manage.py"), "#!/usr/bin/env python\nimport os\nimport sys\n\nif __name__ == '__main__':\n    os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'benchsite.settings')\n    from django.core.management import execute_from_command_line\n    execute_from_command_line(sys.argv)\n")
    write(os.path.join(proj, "urls.py"), "from django.urls import include, path\n\nurlpatterns = [\n" + "".join('    path("%s/", include("%s.urls")),\n' % ("app%03d" % a, "app%03d" % a) for a in range(apps)) + "]\n")


if __name__ == "__main__":
    main()
