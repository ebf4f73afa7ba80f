from django.http import JsonResponse


def save_prefs(request):  # safe: checks the user itself
    if not request.user.is_authenticated:
        return JsonResponse({}, status=401)
    request.user.profile.theme = request.POST.get("theme")
    request.user.profile.save()
    return JsonResponse({"ok": True})
