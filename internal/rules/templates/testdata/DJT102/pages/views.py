from django.shortcuts import render


def api_docs(request):
    # the project renders the library's template itself, with a context
    # of its own: the library's values are not what it holds
    return render(request, "drf-yasg/redoc.html", {"redoc_settings": request.GET.get("theme", "")})
