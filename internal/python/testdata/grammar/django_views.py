from django.db import connection
from django.http import HttpResponse
from django.utils.safestring import mark_safe as ms
from django.views.decorators.csrf import csrf_exempt


@csrf_exempt
def search(request):
    q = request.GET.get("q", "")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM t WHERE name = '{q}'")
        rows = cursor.fetchall()
    return HttpResponse(ms("<b>%s</b>" % q))


class View(TemplateView):
    template_name = "x.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["x"] = [r for r in Model.objects.raw("SELECT 1")]
        return ctx
