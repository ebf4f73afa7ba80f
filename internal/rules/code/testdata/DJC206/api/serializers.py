from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from rest_framework import serializers
from taggit.serializers import TaggitSerializer

from .models import ApiClient, Clerk, Device, Document, Member, Officer, Rack, Tag


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
        fields = "__all__"  # want "ClientWriteSerializer serializes every field of ApiClient .*: fields added to the model later"
        extra_kwargs = {"api_key": {"write_only": True}}


class TagSerializer(serializers.ModelSerializer):
    class Meta:
        model = Tag
        fields = "__all__"  # want "TagSerializer serializes every field of Tag .*none that is secret or grants rights today"


class PublicUserSerializer(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = ["id", "username"]  # safe: explicit list


class AccountSerializer(serializers.ModelSerializer):
    class Meta:
        model = get_user_model()
        fields = "__all__"  # want "AccountSerializer.*is_superuser"


class DocumentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Document
        fields = "__all__"  # want "DocumentSerializer accepts every field of Document \\(fields = \"__all__\"\\), including owner: a client can set them"


class OwnedDocumentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Document
        fields = "__all__"  # want "OwnedDocumentSerializer serializes every field of Document .*none that is secret"
        read_only_fields = ["owner"]


class TitleOnlySerializer(serializers.ModelSerializer):
    class Meta:
        model = Document
        fields = "__all__"  # want "TitleOnlySerializer serializes every field of Document .*none that is secret"
        read_only_fields = [f.name for f in Document._meta.get_fields() if f.name not in ("title",)]


class OwnerOpenSerializer(serializers.ModelSerializer):
    class Meta:
        model = Document
        fields = "__all__"  # want "OwnerOpenSerializer accepts every field of Document \\(fields = \"__all__\"\\), including owner"
        read_only_fields = [f.name for f in Document._meta.get_fields() if f.name not in ("owner", "title")]


class DocumentReadSerializer(serializers.ModelSerializer):
    class Meta:
        model = Document
        fields = "__all__"  # want "DocumentReadSerializer serializes every field of Document .*nothing writes through it today"


class DocumentPartlyReadSerializer(serializers.ModelSerializer):
    class Meta:
        model = Document
        fields = "__all__"  # want "DocumentPartlyReadSerializer accepts every field of Document \\(fields = \"__all__\"\\), including owner"


class DocumentCreateSerializer(serializers.ModelSerializer):
    class Meta:
        model = Document
        fields = ["title"]


class DeclaredOwnerSerializer(serializers.ModelSerializer):
    owner = serializers.HiddenField(default=serializers.CurrentUserDefault())

    class Meta:
        model = Document
        fields = "__all__"  # want "DeclaredOwnerSerializer serializes every field of Document .*none that is secret"


class ShareLinkSerializer(serializers.ModelSerializer):
    class Meta:
        model = Document
        fields = "__all__"  # want "ShareLinkSerializer accepts every field of Document .*a client can set them; nothing in the project uses the serializer today"


class DocumentFeedSerializer(serializers.ModelSerializer):
    class Meta:
        model = Document
        fields = "__all__"  # want "DocumentFeedSerializer serializes every field of Document .*including owner; nothing writes through it today"


class DocumentExportSerializer(serializers.ModelSerializer):
    class Meta:
        model = Document
        fields = "__all__"  # want "DocumentExportSerializer serializes every field of Document .*nothing writes through it today"


class DocumentSummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = Document
        fields = "__all__"  # want "DocumentSummarySerializer serializes every field of Document .*nothing writes through it today"


class DocumentDigestSerializer(serializers.ModelSerializer):
    class Meta:
        model = Document
        fields = "__all__"  # want "DocumentDigestSerializer accepts every field of Document .*a client can set them"


class DocumentReferenceSerializer(serializers.ModelSerializer):
    # chooses a serializer by the row's kind, and shows the row with it
    def to_representation(self, document):
        if document.title:
            serializer = DocumentSummarySerializer
        else:
            serializer = DocumentExportSerializer
        if hasattr(serializer, "brief"):
            serializer = serializer.brief
        return serializer(document, context=self.context).data

    # looks alike: the chosen serializer is given the client's data
    def to_internal_value(self, data):
        serializer = DocumentDigestSerializer
        digest = serializer(data=data)
        digest.is_valid(raise_exception=True)
        return digest.validated_data

    class Meta:
        model = Document
        fields = ["title"]


class DocumentArchiveSerializer(serializers.ModelSerializer):
    class Meta:
        model = Document
        fields = "__all__"  # want "DocumentArchiveSerializer accepts every field of Document .*a client can set them"


class DocumentImportSerializer(serializers.ModelSerializer):
    class Meta:
        model = Document
        fields = "__all__"  # want "DocumentImportSerializer accepts every field of Document .*a client can set them"


class DocumentNoteSerializer(serializers.ModelSerializer):
    class Meta:
        model = Document
        fields = "__all__"  # want "DocumentNoteSerializer serializes every field of Document .*including owner; nothing writes through it today"


class NoteSerializer(serializers.ModelSerializer):
    # a nested field of a ModelSerializer with DRF's own create() and
    # update(), which refuse nested data: it only shows the document
    document = DocumentNoteSerializer()

    class Meta:
        model = Tag
        fields = ["id", "label", "document"]


class OfficerSerializer(serializers.ModelSerializer):
    class Meta:
        model = Officer
        fields = "__all__"  # want "OfficerSerializer serializes every field of Officer \\(fields = \"__all__\"\\), including api_secret;"


class SystemFieldsSerializer(serializers.ModelSerializer):
    """A base that drops the fields the server fills from what clients send."""

    system_fields = ("owner", "created_time")

    def to_internal_value(self, data):
        for field in self.system_fields:
            if field in data:
                del data[field]
        return super().to_internal_value(data)


class StrippedDocumentSerializer(SystemFieldsSerializer):
    class Meta:
        model = Document
        fields = "__all__"  # want "StrippedDocumentSerializer serializes every field of Document .*none that is secret"


class PoppedDocumentSerializer(serializers.ModelSerializer):
    def to_internal_value(self, data):
        data.pop("owner", None)
        return super().to_internal_value(data)

    class Meta:
        model = Document
        fields = "__all__"  # want "PoppedDocumentSerializer serializes every field of Document .*none that is secret"


class TitleStrippedSerializer(SystemFieldsSerializer):
    system_fields = ("title",)  # the subclass's own list replaces the base's: owner stays writable

    class Meta:
        model = Document
        fields = "__all__"  # want "TitleStrippedSerializer accepts every field of Document .*including owner: a client can set them"


class DocumentCsvSerializer(serializers.ModelSerializer):
    class Meta:
        model = Document
        fields = "__all__"  # want "DocumentCsvSerializer serializes every field of Document .*including owner; nothing writes through it today"


class DocumentDraftSerializer(serializers.ModelSerializer):
    class Meta:
        model = Document
        fields = "__all__"  # want "DocumentDraftSerializer accepts every field of Document .*including owner: a client can set them"


class DocumentCardSerializer(serializers.ModelSerializer):
    class Meta:
        model = Document
        fields = "__all__"  # want "DocumentCardSerializer serializes every field of Document .*including owner; nothing writes through it today"

    def get_field_names(self, declared_fields, info):
        # the class names itself to reach its base: no use of it
        return super(DocumentCardSerializer, self).get_field_names(declared_fields, info)


class DocumentPanelSerializer(serializers.ModelSerializer):
    class Meta:
        model = Document
        fields = "__all__"  # want "DocumentPanelSerializer serializes every field of Document .*including owner; nothing writes through it today"


class DocumentHistorySerializer(serializers.ModelSerializer):
    class Meta:
        model = Document
        fields = "__all__"  # want "DocumentHistorySerializer serializes every field of Document .*including owner; nothing writes through it today"


class DocumentStampSerializer(serializers.ModelSerializer):
    class Meta:
        model = Document
        fields = "__all__"  # want "DocumentStampSerializer accepts every field of Document .*including owner: a client can set them"


class DocumentShareSerializer(serializers.ModelSerializer):
    class Meta:
        model = Document
        fields = "__all__"  # want "DocumentShareSerializer serializes every field of Document .*including owner; nothing writes through it today"


class FolderSerializer(serializers.Serializer):
    # a nested field of a serializer that cannot write nested data: it
    # only shows the shares
    shares = DocumentShareSerializer(many=True)
    name = serializers.CharField()


class DocumentCopySerializer(serializers.ModelSerializer):
    class Meta:
        model = Document
        fields = "__all__"  # want "DocumentCopySerializer accepts every field of Document .*including owner: a client can set them"


class BinderSerializer(serializers.Serializer):
    # this one writes its nested copies itself
    copies = DocumentCopySerializer(many=True)

    def create(self, validated_data):
        copies = validated_data.pop("copies")
        return [Document.objects.create(**c) for c in copies]


class DocumentPageSerializer(serializers.ModelSerializer):
    class Meta:
        model = Document
        fields = "__all__"  # want "DocumentPageSerializer serializes every field of Document .*including owner; nothing writes through it today"


class TrimmedModelSerializer(serializers.ModelSerializer):
    # a base of the module that only takes fields away: it writes nothing nested
    def __init__(self, *args, exclude=None, **kwargs):
        super().__init__(*args, **kwargs)
        for name in exclude or ():
            self.fields.pop(name, None)


class DossierSerializer(TaggitSerializer, TrimmedModelSerializer):
    pages = DocumentPageSerializer(source="document_set", many=True, exclude=["owner"])

    class Meta:
        model = Document
        fields = ["title", "pages"]


class DocumentSketchSerializer(serializers.ModelSerializer):
    class Meta:
        model = Document
        fields = "__all__"  # want "DocumentSketchSerializer accepts every field of Document .*including owner: a client can set them"


class SavingModelSerializer(serializers.ModelSerializer):
    # a base of the module that writes nested rows itself
    def create(self, validated_data):
        drafts = validated_data.pop("drafts", [])
        doc = super().create(validated_data)
        for d in drafts:
            Document.objects.create(**d)
        return doc


class DraftBinderSerializer(SavingModelSerializer):
    drafts = DocumentSketchSerializer(many=True)

    class Meta:
        model = Document
        fields = ["title", "drafts"]


class ContactSerializer(serializers.ModelSerializer):
    # letters.py has a class of the same name, which its module uses
    class Meta:
        model = Document
        fields = "__all__"  # want "ContactSerializer accepts every field of Document .*a client can set them; nothing in the project uses the serializer today"


class ClerkSerializer(serializers.ModelSerializer):
    # is_staff and is_superuser are the model's properties, not columns
    class Meta:
        model = Clerk
        fields = "__all__"  # want "ClerkSerializer accepts every field of Clerk .*including groups, user_permissions: a client can set them"


class DocumentRemoveSerializer(serializers.ModelSerializer):
    class Meta:
        model = Document
        fields = "__all__"  # want "DocumentRemoveSerializer serializes every field of Document .*including owner; nothing writes through it today"


class DocumentTotalsSerializer(serializers.ModelSerializer):
    class Meta:
        model = Document
        fields = "__all__"  # want "DocumentTotalsSerializer serializes every field of Document .*including owner; nothing writes through it today"


class DocumentNewSerializer(serializers.ModelSerializer):
    class Meta:
        model = Document
        fields = "__all__"  # want "DocumentNewSerializer accepts every field of Document .*including owner: a client can set them"


class DocumentRedraftSerializer(serializers.ModelSerializer):
    class Meta:
        model = Document
        fields = "__all__"  # want "DocumentRedraftSerializer accepts every field of Document .*including owner: a client can set them"


class DocumentStatsSerializer(serializers.ModelSerializer):
    class Meta:
        model = Document
        fields = "__all__"  # want "DocumentStatsSerializer serializes every field of Document .*nothing writes through it today"


class DocumentNotesSerializer(serializers.ModelSerializer):
    class Meta:
        model = Document
        fields = "__all__"  # want "DocumentNotesSerializer accepts every field of Document .*a client can set them"


class DeviceNestedSerializer(serializers.ModelSerializer):
    class Meta:
        model = Device
        depth = 1
        fields = "__all__"  # want "DeviceNestedSerializer serializes every field of Device .*none that is secret"


class RackSerializer(serializers.ModelSerializer):
    class Meta:
        model = Rack
        fields = "__all__"  # want "RackSerializer accepts every field of Rack \\(fields = \"__all__\"\\), including groups: a client can set them"


class RackDeviceSerializer(serializers.ModelSerializer):
    # groups goes through a model of the project's: DRF cannot write it
    owner = serializers.HiddenField(default=serializers.CurrentUserDefault())

    class Meta:
        model = Device
        fields = "__all__"  # want "RackDeviceSerializer serializes every field of Device .*none that is secret"
