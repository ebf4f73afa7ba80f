from django.contrib import admin

from .forms import BoothForm
from .models import Booth


class DeskAdmin(admin.ModelAdmin):
    # the base of the desk's admin pages
    list_per_page = 50


@admin.register(Booth)
class BoothAdmin(DeskAdmin):
    form = BoothForm
