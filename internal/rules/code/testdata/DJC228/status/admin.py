import traceback

from django.contrib import admin, messages

from .models import Job


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    actions = ["restart"]

    @admin.action(description="Restart")
    def restart(self, request, queryset):
        for job in queryset:
            try:
                job.poll()
            except Exception:
                messages.warning(request, traceback.format_exc())  # want "reaches messages.warning.*it is in the admin \\(status/admin.py\\), where only staff see it"
