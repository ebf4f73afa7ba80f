from functools import wraps

from django.http import HttpResponseForbidden
from django.shortcuts import get_object_or_404
from django.urls import URLPattern

from ..models import Note


def decorated_patterns(func, *urls):
    """Wraps the view of every pattern in func (or each of a list)."""
    funcs = func if isinstance(func, list) else [func]
    for url in urls:
        if isinstance(url, URLPattern):
            for f in funcs:
                url.callback = f(url.callback)
    return list(urls)


def with_comment(comment, *urls):
    """Looks alike, but only documents the patterns."""
    return list(urls)


def can_edit_note(view_func):
    @wraps(view_func)
    def wrapper(request, *args, **kwargs):
        note = get_object_or_404(Note, pk=kwargs["pk"])
        allowed = note.can_edit(request=request)
        if not allowed:
            return HttpResponseForbidden()
        return view_func(request, *args, **kwargs)

    return wrapper


def remember_reader(view_func):
    # looks alike: a question about the requester, but its branch does
    # the work rather than turn anyone away
    @wraps(view_func)
    def wrapper(request, *args, **kwargs):
        note = get_object_or_404(Note, pk=kwargs["pk"])
        if not note.has_read(request):
            if request.GET.get("quiet"):
                return HttpResponseForbidden()
            note.readers += 1
            note.save()
        return view_func(request, *args, **kwargs)

    return wrapper
