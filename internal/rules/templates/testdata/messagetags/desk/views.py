from django.contrib import messages
from django.shortcuts import redirect


def lookup(request):
    # Not tagged "safe": the template escapes it.
    messages.error(request, f"No ticket numbered {request.GET['n']}")
    return redirect("desk")
