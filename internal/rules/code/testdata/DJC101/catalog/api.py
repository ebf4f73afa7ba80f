from django.db import connection
from rest_framework import viewsets
from rest_framework.response import Response


class ProductViewSet(viewsets.ViewSet):
    def list(self, request):
        tag = request.query_params.get("tag")
        with connection.cursor() as cursor:
            cursor.execute("SELECT * FROM catalog_product WHERE tag = '" + tag + "'")  # want "request.query_params.get"
            cursor.execute("SELECT * FROM catalog_product WHERE tag = %s", (tag,))  # safe: parameterized
        return Response([])

    def retrieve(self, request, pk=None):
        with connection.cursor() as cursor:
            cursor.execute("SELECT * FROM catalog_product WHERE sku = '%s'" % pk)  # want "URL path parameter pk"
        return Response({})
