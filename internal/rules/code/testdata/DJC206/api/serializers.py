from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from rest_framework import serializers

from .models import ApiClient, Member, Tag


class UserSerializer(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = "__all__"  # want "UserSerializer serializes every field of User.*password"


class MemberSerializer(serializers.ModelSerializer):
    class Meta:
        model = Member
        fields = "__all__"  # want "password"


class ClientSerializer(serializers.ModelSerializer):
    class Meta:
        model = ApiClient
        fields = "__all__"  # want "api_key"


class ClientWriteSerializer(serializers.ModelSerializer):
    class Meta:
        model = ApiClient
        fields = "__all__"  # safe: the key is write-only
        extra_kwargs = {"api_key": {"write_only": True}}


class TagSerializer(serializers.ModelSerializer):
    class Meta:
        model = Tag
        fields = "__all__"  # safe: nothing sensitive


class PublicUserSerializer(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = ["id", "username"]  # safe: explicit list


class AccountSerializer(serializers.ModelSerializer):
    class Meta:
        model = get_user_model()
        fields = "__all__"  # want "AccountSerializer.*is_superuser"
