from http import HTTPStatus

from django.http import JsonResponse
from django.shortcuts import redirect

from .models import Job, SiteKey
from .page import ACCESS_ALL, STAFF, AppAuth, Page, RowForm


def job_prio_up(request, pk):  # safe: set_access hands back the refusal page, which the view returns first
    p = Page(request)
    data = p.set_access(STAFF)
    if data is not None:
        return data
    job = Job.objects.get(pk=pk)
    job.priority -= 1
    job.save()
    return redirect("/jobs/")


def jobs_remove_all(request):  # safe: the page object built with the request says whether the requester may go on
    p = Page(request, STAFF)
    if not p.is_allowed():
        return redirect("/missing-rights/")
    Job.objects.all().delete()
    return JsonResponse({"removed": True})


def job_rename(request, pk):  # want "changes data .* and anyone can reach it"
    p = Page(request)
    data = p.set_title("Rename")
    if data is not None:
        return data
    job = Job.objects.get(pk=pk)
    job.name = request.POST.get("name", "")
    job.save()
    return redirect("/jobs/")


def job_add(request):  # want "changes data .* and anyone can reach it"
    form = RowForm(request, request.POST)
    if not form.is_valid():
        return redirect("/jobs/")
    Job.objects.create(name=request.POST["name"])
    return redirect("/jobs/")


def job_disable(request, pk):  # want "changes data .* and anyone can reach it"
    p = Page(request)
    p.set_access(STAFF)
    job = Job.objects.get(pk=pk)
    job.enabled = False
    job.save()
    return redirect("/jobs/")


def jobs_reset(request):  # want "changes data .* and anyone can reach it"
    p = Page(request)
    data = p.set_access(ACCESS_ALL)
    if data is not None:
        return data
    Job.objects.all().delete()
    return redirect("/jobs/")


def jobs_enable_all(request):  # want "changes data .* and anyone can reach it"
    p = Page(request, ACCESS_ALL)
    if not p.is_allowed():
        return redirect("/missing-rights/")
    Job.objects.update(enabled=True)
    return redirect("/jobs/")


@AppAuth("jobs").permission_required("can_delete")
def jobs_purge(request):  # safe: the project's controller checks the app's permission
    Job.objects.filter(enabled=False).delete()
    return redirect("/jobs/")


@AppAuth("jobs").tracked("touch")
def jobs_touch(request):  # want "changes data .* and anyone can reach it"
    Job.objects.update(priority=0)
    return redirect("/jobs/")


def job_from_site(request):  # safe: only a request carrying a site's API key finds its settings row
    params = request.POST
    key = params.get("apikey")
    site = SiteKey.objects.filter(apikey=key).first()
    if not site:
        return JsonResponse({"error": "no access"}, status=HTTPStatus.FORBIDDEN)
    Job.objects.create(name=request.POST["name"])
    return JsonResponse({"ok": True})


def job_from_label(request):  # want "changes data .* and anyone can reach it"
    # looks alike: a label is no secret
    site = SiteKey.objects.filter(label=request.POST.get("label")).first()
    if not site:
        return JsonResponse({"error": "unknown"}, status=404)
    Job.objects.create(name=request.POST["name"])
    return JsonResponse({"ok": True})


def job_from_partner(request):  # safe: the request must carry a partner's API key, or it is refused
    params = request.POST
    key = params.get("apikey")
    partner = SiteKey.objects.filter(label=key).first()
    if not partner:
        return JsonResponse({"error": "no access"}, status=403)
    Job.objects.create(name=params["name"])
    return JsonResponse({"ok": True})


def job_from_team(request):  # want "changes data .* and anyone can reach it"
    # looks alike: a team's name is no key
    params = request.POST
    team = SiteKey.objects.filter(label=params.get("team")).first()
    if not team:
        return JsonResponse({"error": "unknown"}, status=403)
    Job.objects.create(name=params["name"])
    return JsonResponse({"ok": True})
