from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_safe

from .models import Flag, Package


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
