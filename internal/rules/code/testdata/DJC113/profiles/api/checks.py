import functools

from rest_framework import serializers


class BioSerializer(serializers.Serializer):
    display_name = serializers.CharField()
    bio = serializers.CharField()


def validated_by(serializer):
    """Hands the view the serializer's output as request.data."""

    def decorate(view):
        @functools.wraps(view)
        def handle(self, request, *args, **kwargs):
            s = serializer(data=request.data)
            if not s.is_valid():
                return self.invalid(s)
            request.data = s.validated_data
            return view(self, request, *args, **kwargs)

        return handle

    return decorate


def logged(serializer):
    """Logs the serializer's name; request.data stays what the client sent."""

    def decorate(view):
        @functools.wraps(view)
        def handle(self, request, *args, **kwargs):
            request.logged_as = serializer.__name__
            return view(self, request, *args, **kwargs)

        return handle

    return decorate
