from django.views.generic import CreateView
from mapentity.views import MapEntityUpdate

from .forms import RouteNotesForm, TrailPublicForm
from .models import Trail


class RouteNotesUpdate(MapEntityUpdate):
    # django-mapentity asks for the model's change permission first
    model = Trail
    form_class = RouteNotesForm


class TrailNotesCreate(CreateView):
    model = Trail
    form_class = TrailPublicForm
