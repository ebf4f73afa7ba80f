import json

from django.contrib.auth import get_user_model
from django.http import JsonResponse
from django.utils import timezone
from django.views import View

from .api import BioSerializer, logged, validated_by
from .forms import ProfileForm
from .models import Note, Order, Profile

EDITABLE = {"display_name", "timezone"}


def update_profile(request):
    Profile.objects.filter(user=request.user).update(**request.POST.dict())  # want "request data \\(request.POST.dict\\(\\)\\) chooses the model fields written by .*\\.update: the client can set any field"
    return JsonResponse({})


def update_profile_with_form(request):
    form = ProfileForm(request.POST)
    if form.is_valid():
        Profile.objects.filter(user=request.user).update(**form.cleaned_data)  # safe: only the form's fields
    data = request.POST.dict()
    settings_dict = {}
    settings_dict.update(**data)  # safe: a dict in memory, not the database
    return JsonResponse(settings_dict)


def signup(request):
    payload = json.loads(request.body)
    user = get_user_model().objects.create(**payload)  # want "chooses the model fields written by"
    Profile.objects.get_or_create(user=user, defaults=payload)  # want "get_or_create"
    Profile.objects.get_or_create(user=user, defaults={"display_name": payload["name"]})  # safe: the key is fixed
    Profile.objects.update_or_create(user=user, defaults=dict(display_name=payload["name"], bio=payload["bio"]))  # safe: the keywords name the fields
    Profile.objects.update_or_create(user=user, defaults=dict(payload))  # want "update_or_create"
    Profile.objects.update_or_create(user=user, defaults=dict(bio="", **payload))  # want "update_or_create"
    return JsonResponse({"id": user.pk})


class OrderAPI(View):
    def post(self, request):
        fields = json.loads(request.body)
        order = Order(**fields)  # want "chooses the model fields written by Order\\(\\*\\*…\\)"
        order.save()
        Order.objects.create(owner=request.user, total=fields["total"])  # safe: fields named one by one
        return JsonResponse({"id": order.pk})


def save_settings(request):
    profile = Profile.objects.get(user=request.user)
    for name, value in request.POST.items():
        setattr(profile, name, value)  # want "setattr"
    for name in EDITABLE:
        setattr(profile, name, request.POST.get(name))  # safe: the names are the code's
    profile.save()
    return JsonResponse({})


def add_note(request):
    Note.objects.create(text=request.POST["text"])  # safe: one field, named in the code
    return JsonResponse({})


def vote(request, revision):
    kwargs = {"revision": revision, "user_agent": request.META.get("HTTP_USER_AGENT", "")}
    if request.user.is_authenticated:
        kwargs["creator" if request.POST.get("named") else "anonymous"] = request.user
    kwargs.update(source=request.POST.get("source"))
    Note.objects.create(**kwargs)  # safe: the keys are the code's, only the values come from the request
    extra = {"text": request.POST["text"]}
    extra.update(request.POST.dict())
    Note.objects.create(**extra)  # want "chooses the model fields"
    return JsonResponse({})


def quick_note(request):
    Note.objects.create(**request.POST)  # want "request data \\(request.POST\\) chooses the model fields written by Note.objects.create"
    Note.objects.create(**{"text": request.POST["text"]})  # safe: the key is written in the code
    return JsonResponse({})


def edit_field(request):
    profile = Profile.objects.get(user=request.user)
    name, value = request.POST["field"], request.POST["value"]
    match name:
        case "bio" | "website":
            setattr(profile, name, value)  # safe: the case admits two names the code chose
        case "nickname" as chosen:
            setattr(profile, chosen, value)  # safe: one name the code chose
        case other:
            setattr(profile, other, value)  # want "setattr"
    match name:
        case str():
            setattr(profile, name, value)  # want "setattr"
    profile.save()
    return JsonResponse({})


class AttachmentAPI(View):
    def owner_field(self, kind, pk):
        if kind == "order":
            return {"order_id": pk}
        if kind == "note":
            return {"note_id": pk}
        return {}

    def any_field(self, kind, pk):
        return {kind: pk}

    def post(self, request):
        kind, pk = request.POST["kind"], request.POST["pk"]
        Note.objects.create(text="attachment", **self.owner_field(kind, pk))  # safe: the helper names the fields, the request only the ids
        Note.objects.create(text="attachment", **self.any_field(kind, pk))  # want "chooses the model fields"
        return JsonResponse({})


def save_log(data):
    Note.objects.create(**data)  # want "chooses the model fields written by Note.objects.create"


def log_request(request):  # safe: the keys are the code's, the request fills only the values
    save_log({"text": request.POST.get("text", ""), "user_agent": request.META.get("HTTP_USER_AGENT", "")})
    return JsonResponse({})


def log_everything(request):
    save_log(request.POST.dict())
    return JsonResponse({})


def save_audit(data):
    Note.objects.create(**data)  # safe: its only caller names the keys


def audit_request(request):
    save_audit({"text": request.POST.get("text", ""), "user_agent": request.META.get("HTTP_USER_AGENT", "")})
    return JsonResponse({})


def rate_profile(request, pk):
    profile = Profile.objects.get(pk=pk)
    rating = request.POST["rating"]
    # the prefix keeps the name among the votes_ counters
    setattr(profile, "votes_{}".format(rating), getattr(profile, f"votes_{rating}") + 1)  # safe: the votes_ counters alone
    setattr(profile, f"votes_{rating}_at", timezone.now())  # safe: the votes_ counters alone
    counter = "votes_{}_count".format(rating)
    setattr(profile, counter, 0)  # safe: the votes_ counters alone
    flag = "is_{}".format(request.POST["flag"])
    setattr(profile.user, flag, False)  # want "setattr"
    # is_ reaches is_staff and is_superuser
    setattr(profile.user, "is_" + request.POST["flag"], True)  # want "setattr"
    setattr(profile.user, "%s_name" % request.POST["which"], "x")  # want "setattr"
    profile.save()
    return JsonResponse({})


class BioAPI(View):
    @validated_by(BioSerializer)
    def put(self, request):  # safe: the decorator replaced request.data with the serializer's declared fields
        profile = request.user.profile
        for k, v in request.data.items():
            setattr(profile, k, v)
        profile.save()
        return JsonResponse({"ok": True})

    @logged(BioSerializer)
    def post(self, request):
        profile = request.user.profile
        for k, v in request.data.items():
            setattr(profile, k, v)  # want "request data \\(request.data.items\\(\\)\\) chooses the model fields written by setattr"
        profile.save()
        return JsonResponse({"ok": True})
