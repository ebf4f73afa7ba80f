# the project's views package re-exports Django's generic views
from django.views import View
from django.views.generic import TemplateView  # noqa: F401


class ApiVersionMixin(View):
    """Picks the API version in setup(); it has no dispatch of its own."""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.api_version = "v1"
