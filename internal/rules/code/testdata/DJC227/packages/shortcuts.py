from django.http import HttpResponse, JsonResponse
from django.template.loader import get_template


def themed_page(request, template_name, context):
    # the project's render(): the site's theme picks the template
    template = get_template(template_name)
    return HttpResponse(template.render(context, request))


def json_response(data):
    return JsonResponse(data)
