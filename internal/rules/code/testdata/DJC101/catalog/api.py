from django.db import connection
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from .serializers import ProductImportSerializer


class ProductViewSet(viewsets.ViewSet):
    def list(self, request):
        tag = request.query_params.get("tag")
        with connection.cursor() as cursor:
            cursor.execute("SELECT * FROM catalog_product WHERE tag = '" + tag + "'")  # want "request.query_params.get"
            cursor.execute("SELECT * FROM catalog_product WHERE tag = %s", (tag,))  # safe: parameterized
        return Response([])

    @action(detail=True, methods=["post"])
    def rename(self, request, pk=None):
        with connection.cursor() as cursor:
            cursor.execute("UPDATE catalog_product SET name = %s WHERE sku = '" + pk + "'", [request.data["name"]])  # want "URL path parameter pk"
            cursor.execute("UPDATE catalog_product SET name = %s WHERE sku = %s", [request.data["name"], pk])  # safe: parameterized
        return Response({})

    def retrieve(self, request, pk=None):
        with connection.cursor() as cursor:
            cursor.execute("SELECT * FROM catalog_product WHERE sku = '%s'" % pk)  # want "URL path parameter pk"
        return Response({})


class ProductImportViewSet(viewsets.ViewSet):
    def create(self, request):
        serializer = ProductImportSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        name = serializer.validated_data["name"]
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO catalog_product (name) VALUES ('%s')" % name)  # want "serializer.validated_data"
            cursor.execute("INSERT INTO catalog_product (name) VALUES (%s)", [name])  # safe: parameterized
        for key, value in request.query_params.items():
            cursor.execute(f"UPDATE catalog_product SET {key} = 1")  # want "request.query_params.items"
        return Response({})
