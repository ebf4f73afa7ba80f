from django.views.generic import UpdateView as BaseUpdateView

from .models import Instance


class UpdateView(BaseUpdateView):
    model = Instance
    fields = ["name"]
