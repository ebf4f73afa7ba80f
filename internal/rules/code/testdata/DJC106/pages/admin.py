from django.contrib import admin
from django.forms import modelform_factory
from django.shortcuts import redirect
from django.template import Template

from .forms import MailTemplateForm
from .models import MailTemplate


@admin.register(MailTemplate)
class MailTemplateAdmin(admin.ModelAdmin):
    def get_form(self, request, obj=None, **kwargs):
        kwargs["form"] = modelform_factory(self.model, form=MailTemplateForm)
        return super().get_form(request, obj, **kwargs)

    def preview_view(self, request):
        # a query string is anyone's: a link sent to a staff member carries it
        return Template(request.GET["source"])  # want "template source built from request data \\(request.GET\\[.source.\\]\\) reaches django.template.Template$"
