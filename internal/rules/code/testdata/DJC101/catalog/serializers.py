from rest_framework import serializers


class ProductImportSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=100)
