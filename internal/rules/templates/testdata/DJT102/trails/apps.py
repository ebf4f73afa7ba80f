from django.apps import AppConfig


class TrailsConfig(AppConfig):
    name = "trails"

    def ready(self):
        # checks the forms' declarations at start; submits none
        from .forms import RouteNotesForm

        RouteNotesForm.base_fields.keys()
