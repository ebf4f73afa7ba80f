import hashlib
import json
from base64 import b64encode

import pyotp

from django.conf import settings
from django.db.models import Q
from django.shortcuts import get_object_or_404, render
from django.views.generic import CreateView, UpdateView

from .forms import ThemeSuggestionForm, TrailForm
from django.template import loader
from django.template.loader import render_to_string

from .models import Guide, Member, Permit, Route, Trail, TrailVisit


class SuggestThemeView(CreateView):
    form_class = ThemeSuggestionForm
    template_name = "trails/suggest.html"


class EditTrailView(UpdateView):
    model = Trail
    form_class = TrailForm


def trail_detail(request, pk):
    trail = get_object_or_404(Trail, pk=pk)
    for key in ("length", "duration"):
        # a computed name with a literal end: it names *_display
        # attributes, never a model field such as grade_label
        setattr(trail, f"{key}_display", request.GET.get(key, ""))
    return render(request, "trails/trail_detail.html", {"trail": trail, "guide": trail.guide})


def trail_reports(request, pk):
    trail = get_object_or_404(Trail, pk=pk)
    members = Member.objects.filter(email__endswith=request.GET.get("domain", ""))
    return render(request, "trails/reports.html", {"trail": trail, "members": members})


def find_guides(request):
    # Q's keywords look rows up: they write no field
    guides = Guide.objects.filter(Q(guide_label=request.GET.get("q", "")))
    return render(request, "trails/guides.html", {"guides": guides})


def log_visit(request, pk):
    fields = {"visit_note_html": request.POST.get("note", "")}
    visit, _ = TrailVisit.objects.update_or_create(trail_id=pk, defaults=fields)
    return render(request, "trails/visit.html", {"visit": visit})


def issue_permit(request, pk):
    permit = get_object_or_404(Permit, pk=pk)
    permit.terms_html = loader.get_template("trails/permit_terms.html").render({"permit": permit})
    permit.remarks_html = request.POST.get("remarks", "")
    permit.save()
    return render(request, "trails/permit.html", {"permit": permit})


def renew_permit(request, pk):
    permit = get_object_or_404(Permit, pk=pk)
    permit.terms_html = render_to_string("trails/permit_terms.html", {"permit": permit})
    permit.save()
    return render(request, "trails/permit.html", {"permit": permit})


def trail_map(request, pk):
    filters = {key: request.GET[key] for key in ("region", "grade") if key in request.GET}
    return render(
        request,
        "trails/map_page.html",
        {
            # the keys written after the spread win over the filters'
            **filters,
            "map_options": json.dumps({"zoomControl": False, "scrollWheelZoom": False}),
            "legend_html": request.GET.get("legend", ""),
        },
    )


def region_map(request):
    filters = {key: request.GET[key] for key in ("region",) if key in request.GET}
    context = {**filters, "map_options": json.dumps({"zoomControl": True})}
    context["region"] = request.GET.get("region", "")
    return render(request, "trails/map_page.html", context)


def frontend_settings():
    return {
        "DEBUG": settings.DEBUG,
        "TWO_FACTOR": "django_otp" in settings.INSTALLED_APPS,
        "SIGNUP_CLOSED": not settings.SIGNUP_OPEN,
        "APPS": list(filter(lambda app: app not in settings.HIDDEN_APPS, settings.INSTALLED_APPS)),
        "LANGUAGES": tuple(code for code, _ in settings.LANGUAGES),
    }


def frontend_user(request):
    return {
        "STAFF": request.user.is_staff,
        "NAMES": list(filter(None, [request.user.first_name, request.user.last_name])),
    }


def trail_app(request):
    return render(
        request,
        "trails/app.html",
        {"settings_json": json.dumps(frontend_settings()), "user_json": json.dumps(frontend_user(request))},
    )


def suggest_trail(request):
    form = TrailForm(request.POST or None)
    return render(request, "trails/suggest_form.html", {"form": form, "formset": None})


def elevation_chart(points):
    buffer = draw_chart(points)
    encoded = b64encode(buffer.getvalue()).decode("utf-8")
    return encoded


def trail_report(request, pk):
    trail = get_object_or_404(Trail, pk=pk)
    return render(request, "trails/report_chart.html", {
        "chart": elevation_chart(trail.points),
        "fingerprint": hashlib.sha256(trail.name.encode()).hexdigest(),
        "otp_secret": pyotp.random_base32(),
        "caption": trail.name.encode("utf-8").decode("utf-8"),
    })


def route_detail(request, pk):
    route = get_object_or_404(Route, pk=pk)
    return render(request, "trails/route.html", {"route": route})
