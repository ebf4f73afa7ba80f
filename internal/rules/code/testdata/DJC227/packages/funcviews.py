from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_safe

from .models import Flag, Package
from .shortcuts import json_response
from .shortcuts import themed_page as render_page


@login_required
@require_GET
def approve_flag(request, pk):  # want "approve_flag writes to the database \\(Flag.objects.filter\\(pk=pk\\).update\\(approved=True\\)\\)"
    Flag.objects.filter(pk=pk).update(approved=True)
    return redirect("flags")


@login_required
@require_http_methods(["GET", "HEAD"])
def drop_package(request, slug):  # want "drop_package writes to the database"
    package = get_object_or_404(Package, slug=slug)
    package.delete()
    return redirect("home")


@require_safe
def package_page(request, slug):  # safe: only shows the package
    package = get_object_or_404(Package, slug=slug)
    return render(request, "packages/package.html", {"package": package})


@login_required
@require_http_methods(["GET", "POST"])
def edit_flag(request, pk):  # safe: takes POST too, where the change belongs
    flag = get_object_or_404(Flag, pk=pk)
    if request.method == "POST":
        flag.approve()
    return redirect("flags")


@login_required
def delete_flag(request, pk):  # safe: takes every method; its change is not read
    Flag.objects.filter(pk=pk).delete()
    return redirect("flags")


@require_GET
def package_link(request, slug):  # safe: fills in the link once, as the page would compute it anyway
    package = get_object_or_404(Package, slug=slug)
    if not package.link:
        package.link = "/p/" + package.slug
        package.save()
    return redirect(package.link)


@require_GET
def package_counts(request, slug):  # safe: only corrects a cached count
    package = get_object_or_404(Package, slug=slug)
    package.save(update_fields=["usage_count"])
    return redirect("package", slug=slug)


@login_required
def approve_flags(request):  # want "approve_flags writes to the database \\(Flag.objects.filter\\(pk__in=ids\\).update\\(approved=True\\)\\)"
    # takes every method, but its input is the query string: a link
    ids = request.GET.getlist("id")
    Flag.objects.filter(pk__in=ids).update(approved=True)
    return redirect("flags")


@login_required
def approve_flags_form(request):  # safe: changes data only when the form is POSTed
    ids = request.GET.getlist("id")
    if request.method == "POST":
        Flag.objects.filter(pk__in=ids).update(approved=True)
        return redirect("flags")
    return redirect("flags")


@login_required
def tag_packages(request):  # safe: reads a body too, which a link cannot send
    slugs = request.GET.getlist("slug")
    Package.objects.filter(slug__in=slugs).update(link=request.POST.get("link", ""))
    return redirect("home")


@login_required
def connect_complete(request):  # safe: an OAuth callback that compares the state it kept
    state, slug = request.session.pop("connect")
    if request.GET.get("state") != state:
        return redirect("home")
    package = get_object_or_404(Package, slug=slug)
    package.link = request.GET["account"]
    package.save()
    return redirect("home")


@login_required
def review_flags(request):  # safe: shows a page, through the project's shortcut for render()
    ids = request.GET.getlist("id")
    Flag.objects.filter(pk__in=ids).update(approved=True)
    return render_page(request, "flags/review.html", {"ids": ids})


@login_required
def approve_flags_json(request):  # want "approve_flags_json writes to the database"
    # a shortcut named like one, for JSON: no page
    ids = request.GET.getlist("id")
    Flag.objects.filter(pk__in=ids).update(approved=True)
    return json_response({"approved": len(ids)})


def vote_flag(request):  # safe: acts for no account; a forged link gains nothing over a direct one
    Flag.objects.filter(pk=request.GET["id"]).update(approved=True)
    return redirect("flags")
