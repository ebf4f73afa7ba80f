from django import forms
from rest_framework import serializers

from .models import ReadingList, Tag


class ListForm(forms.ModelForm):
    class Meta:
        model = ReadingList
        fields = ["user", "name"]
        widgets = {"user": forms.HiddenInput()}


class LockedListForm(forms.ModelForm):
    class Meta:
        model = ReadingList
        fields = ["user", "name"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].disabled = True


class RenameForm(forms.ModelForm):
    class Meta:
        model = ReadingList
        fields = ["name"]


class TagForm(forms.ModelForm):
    class Meta:
        model = Tag
        fields = ["label"]


class ListSerializer(serializers.ModelSerializer):
    class Meta:
        model = ReadingList
        fields = ["id", "user", "name"]


class OwnListSerializer(serializers.ModelSerializer):
    user = serializers.HiddenField(default=serializers.CurrentUserDefault())

    class Meta:
        model = ReadingList
        fields = ["id", "user", "name"]


class CheckedForm(forms.ModelForm):
    """The project's forms ask the row, before saving, whether the requester may write it."""

    def save(self, request, *args, **kwargs):
        self.instance.raise_not_editable(request.user)
        return super().save(*args, **kwargs)


class ShelfForm(CheckedForm):
    class Meta:
        model = ReadingList
        fields = ["user", "name"]
