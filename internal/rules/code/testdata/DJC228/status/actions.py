import traceback

from django.contrib import messages


def merge_rows(modeladmin, request, queryset):
    try:
        queryset.first().merge(queryset[1:])
    except Exception:
        messages.error(request, traceback.format_exc())  # want "reaches messages.error.*it is an admin action \\(merge_rows\\), which only staff run"


def merge_posted(request, queryset):
    # looks alike: a helper a view calls with the request, not an admin action
    try:
        queryset.first().merge(queryset[1:])
    except Exception:
        messages.error(request, traceback.format_exc())  # want "reaches messages.error\\(…\\): the client is sent the stack trace, with file paths and lines of code; log it and send a generic message$"
