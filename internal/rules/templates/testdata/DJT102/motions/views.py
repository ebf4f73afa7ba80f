from django.shortcuts import get_object_or_404, render

from .models import Motion


def motion(request, pk):
    return render(request, "motions/motion.html", {"motion": get_object_or_404(Motion, pk=pk)})
