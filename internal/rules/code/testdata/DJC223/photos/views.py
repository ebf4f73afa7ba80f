from django.contrib.auth import get_user_model, login
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseForbidden, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from .models import Album, User


class UploadError(Exception):
    def __init__(self, status, detail):
        self.status = status
        self.detail = detail


class ChunkedUpload:
    def check_permissions(self, request):
        owner = User.objects.filter(id=request.POST.get("owner")).first()
        if not owner or not owner.is_authenticated:  # want "owner.is_authenticated is always True .* request.POST.get..owner.. names"
            raise UploadError(status=status.HTTP_403_FORBIDDEN, detail="not signed in")


def add_album(request):
    uid = request.data["user_id"]
    member = get_object_or_404(get_user_model(), pk=uid)
    if not member.is_authenticated:  # want "member.is_authenticated is always True .* request.data..user_id.. names"
        return HttpResponseForbidden()
    Album.objects.create(owner=member, title=request.data["title"])
    return JsonResponse({"ok": True})


def magic_login(request):
    UserModel = get_user_model()
    who = UserModel.objects.get(username=request.GET["u"])
    if who.is_authenticated:  # want "who.is_authenticated is always True"
        login(request, who)
    return redirect("/")


class AlbumList(APIView):
    def get(self, request):
        user = User.objects.get(pk=int(request.query_params.get("user", 0)))
        if user.is_authenticated:  # want "user.is_authenticated is always True"
            return Response([a.title for a in Album.objects.filter(owner=user)])
        return Response(status=status.HTTP_401_UNAUTHORIZED)


# safe: the acting user is request.user, set by the authentication
def my_albums(request):
    user = request.user
    if not user.is_authenticated:
        raise PermissionDenied
    return JsonResponse({"albums": list(Album.objects.filter(owner=user).values_list("title", flat=True))})


# safe: a user loaded by the request's value, but its is_authenticated
# decides nothing (the branch neither turns away nor logs in)
def profile_badge(request):
    shown = User.objects.filter(username=request.GET.get("name")).first()
    label = "member" if shown and shown.is_authenticated else "guest"
    if shown.is_authenticated:
        label = label.upper()
    return JsonResponse({"label": label})


# safe: the user is loaded by the session's own user id, not the request's data
def refresh(request):
    me = User.objects.get(pk=request.user.pk)
    if not me.is_authenticated:
        raise PermissionDenied
    return JsonResponse({"path": me.library_path})


# safe: the name was replaced by request.user before the check
def rebind(request):
    user = User.objects.get(pk=request.POST["id"])
    user = request.user
    if not user.is_authenticated:
        raise PermissionDenied
    return JsonResponse({"id": user.pk})


# safe: an album looked up by the request, whose owner is checked against the requester
def rename(request):
    album = Album.objects.get(pk=request.POST["album"])
    if not request.user.is_authenticated or album.owner != request.user:
        raise PermissionDenied
    album.title = request.POST["title"]
    album.save()
    return JsonResponse({"ok": True})
