from django.http import HttpResponse
from django.shortcuts import get_object_or_404

from .models import Plan, PlanNote


def note_on_plan(request, plan_id):  # safe: only the plan's members get past the check
    plan = get_object_or_404(Plan, pk=plan_id)
    if request.user not in plan.members.all():
        return HttpResponse(status=403)
    PlanNote.objects.create(plan=plan, author=request.user, text=request.POST["text"])
    return HttpResponse(status=201)
