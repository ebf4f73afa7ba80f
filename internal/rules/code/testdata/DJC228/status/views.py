import logging
import traceback
from traceback import format_exc

from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.core.mail import mail_admins
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.views.generic import DetailView
from rest_framework.decorators import api_view, permission_classes
from rest_framework.exceptions import APIException
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from .models import Job
from .search import ping_search

logger = logging.getLogger(__name__)


@api_view(["GET"])
@permission_classes([AllowAny])
def health(request):
    try:
        ping_search()
    except Exception:
        return Response({"search_error": traceback.format_exc()}, status=500)  # want "traceback.format_exc\\(\\) reaches Response\\(…\\): the client is sent the stack trace"
    return Response({"search": "ok"})


class ImportRecipeView(APIView):
    def post(self, request):
        text = request.data.get("text", "")
        try:
            recipe = parse_recipe(text)
        except Exception:
            body = "Could not read the recipe:\n\n" + text + "\n\n" + format_exc()
            payload = {"error": True, "msg": body}
            return Response(payload, status=400)  # want "format_exc\\(\\) reaches Response"
        return Response(recipe)


def parse_recipe(text):
    return {"title": text.splitlines()[0]}


def rebuild_index(request):
    context = {"title": "Rebuild"}
    try:
        ping_search()
    except Exception:
        context["trace"] = traceback.format_exc()
    return render(request, "status/failed.html", context)  # want "traceback.format_exc\\(\\) reaches render"


def sync_feeds(request):
    try:
        ping_search()
    except Exception:
        lines = []
        lines.extend(traceback.format_exception(*__import__("sys").exc_info()))
        messages.error(request, "".join(lines))  # want "traceback.format_exception\\(.*\\) reaches messages.error"
    return redirect("/")


def export(request):
    try:
        data = ping_search()
    except Exception:
        raise APIException(detail=traceback.format_exc())  # want "reaches APIException"
    return HttpResponse(data, content_type="text/csv")


class JobDetailView(DetailView):
    model = Job
    template_name = "status/job.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        try:
            context["state"] = self.object.poll()
        except Exception:
            context["problem"] = traceback.format_exc()
        return context  # want "reaches the context get_context_data returns"


@staff_member_required
def upload_plugin(request):
    try:
        ping_search()
    except Exception:
        return HttpResponse("<pre>%s</pre>" % traceback.format_exc(), status=500)  # want "reaches HttpResponse.*only staff, superusers or holders of a permission reach"
    return HttpResponse("ok")


# Look-alikes: the trace is logged, mailed, measured or kept out of the page.


def quiet_failure(request):
    try:
        ping_search()
    except Exception:
        trace = traceback.format_exc()
        logger.error("search failed: %s", trace)  # safe: logged
        mail_admins("search failed", trace)  # safe: mailed to the admins
        return JsonResponse({"error": "search is unavailable", "trace_size": len(trace)}, status=503)  # safe: only its length
    return JsonResponse({"ok": True})


def checks(request):
    report = render_to_string("status/report.txt", {"trace": traceback.format_stack()})  # safe: an e-mail body
    mail_admins("checks", report)
    try:
        ping_search()
    except Exception as exc:
        # safe: the template does not show the key that holds the trace
        return render(request, "status/quiet.html", {"debug": traceback.format_exc(), "message": str(exc)})
    return JsonResponse({"ok": True})


def retry_later(request):
    def describe():
        return traceback.format_exc()

    logger.warning(describe())
    return JsonResponse({"retry": True})  # safe: the trace stays in the nested function


class PluginInstallView(APIView):
    template_name = "status/install.html"

    def post(self, request):
        self.template_name = "status/admin/install_done.html"
        context = {}
        try:
            ping_search()
        except Exception:
            context["error"] = traceback.format_exc()
        return self.render_to_response(context)  # want "reaches render_to_response.*an admin template \\(status/admin/install_done.html\\), which only staff see"

    def render_to_response(self, context):
        return render(self.request, self.template_name, context)


def convert(request):
    if request.method == "POST":
        try:
            ping_search()
        except ValueError:
            return JsonResponse({"error": True, "detail": traceback.format_exc()}, status=400)  # want "reaches JsonResponse"
        except Exception:
            result = {"error": True}
            result["detail"] = "failed:\\n" + traceback.format_exc()
            return JsonResponse(result, status=500)  # want "reaches JsonResponse"
    return JsonResponse({"ok": True})
