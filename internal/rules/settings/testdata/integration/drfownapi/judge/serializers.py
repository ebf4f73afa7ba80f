from rest_framework import serializers


class SubmissionSerializer(serializers.Serializer):
    code = serializers.CharField()
    language = serializers.CharField()
