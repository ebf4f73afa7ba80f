from django.contrib.auth import get_user_model
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.views import View
from django.views.generic import CreateView

from .models import Item, Plan, PlanNote


class LinkItemsView(View):  # want "view LinkItemsView changes data through add_item"
    def post(self, request, plan_id):
        plan = get_object_or_404(Plan, pk=plan_id)
        for item in Item.objects.filter(pk__in=request.POST.getlist("item")):
            plan.add_item(item)
        return HttpResponse(status=204)


def unlink_item(request, plan_id, item_id):  # want "view unlink_item changes data through drop_item"
    plan = Plan.objects.get(pk=plan_id)
    plan.drop_item(get_object_or_404(Item, pk=item_id))
    return HttpResponse(status=204)


def plan_summary(request, plan_id):  # safe: the model's method only reads
    plan = get_object_or_404(Plan, pk=plan_id)
    return JsonResponse({"summary": plan.summary()})




def edit_plan_items(request, plan_id):  # safe: the removal runs only past a permission check, which no anonymous visitor passes
    plan = get_object_or_404(Plan, pk=plan_id)
    if request.GET.get("action"):
        items = Item.objects.filter(pk__in=request.GET.getlist("item"))
        if request.GET["action"] == "remove":
            if not request.user.has_perm("plans.change_planitem"):
                return JsonResponse({"message": "Permission denied"})
            for item in items:
                plan.drop_item(item)
    return JsonResponse({"summary": plan.summary()})


def rename_own_profile(request, username):  # safe: anyone but the profile's own user is turned away first
    profile = get_object_or_404(get_user_model(), username=username)
    if profile != request.user:
        raise Http404
    profile.first_name = request.POST["first_name"]
    profile.save()
    return HttpResponse(status=204)


def note_on_plan_anyway(request, plan_id):  # want "view note_on_plan_anyway changes data .*; but it only adds new rows"
    plan = get_object_or_404(Plan, pk=plan_id)
    if request.user in plan.members.all():
        return HttpResponse(status=409)
    PlanNote.objects.create(plan=plan, text=request.POST["text"])
    return HttpResponse(status=201)


class PlanCreateView(CreateView):  # safe: the plan's owner is the requester, which Django refuses for an anonymous visitor
    model = Plan
    fields = ["title"]

    def form_valid(self, form):
        form.instance.owner = self.request.user
        return super().form_valid(form)


class PlanCopyView(CreateView):  # want "view PlanCopyView changes data \\(database write: form.save\\(\\)\\) .*; but it only adds new rows"
    model = Plan
    fields = ["title"]

    def form_valid(self, form):
        plan = form.save()  # looks alike: saved before the owner is set
        plan.owner = self.request.user
        plan.save()
        return super().form_valid(form)
