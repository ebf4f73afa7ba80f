import xml.sax
from xml.dom import minidom

import defusedxml.ElementTree as DET
from django.http import JsonResponse
from django.views import View

from .parsing import parse_from_factory, parse_from_lenient, parse_items, parse_items_safely, parse_with


def import_feed(request):
    items = parse_items(request.body)
    safe_items = parse_items_safely(request.body)
    other = parse_with(request.body)
    made = parse_from_factory(request.body)
    lenient = parse_from_lenient(request.body)
    dom = minidom.parseString(request.body)  # want "xml.dom.minidom.parseString"
    tree = DET.fromstring(request.body)  # safe: defusedxml
    return JsonResponse({"items": items, "safe": safe_items})


class SaxImport(View):
    def post(self, request):
        handler = xml.sax.ContentHandler()
        xml.sax.parseString(request.body, handler)  # want "xml.sax.parseString"
        return JsonResponse({})
