from django import forms

from .models import Address, Document, Membership, Profile, Team, TeamInvite, TermsAgreement


class ProfileForm(forms.ModelForm):
    class Meta:
        model = Profile
        fields = "__all__"  # want "ProfileForm exposes every model field \\(fields = \"__all__\"\\): fields added to the model later become editable \\(none"


class AddressForm(forms.ModelForm):
    class Meta:
        model = Address
        exclude = ["user"]  # want "AddressForm uses exclude: fields added to the model later"


class BioForm(forms.ModelForm):
    class Meta:
        model = Profile
        fields = ["display_name", "bio"]  # safe: explicit list


class SearchForm(forms.Form):
    fields = "__all__"  # safe: not a ModelForm


class DocumentForm(forms.ModelForm):
    class Meta:
        model = Document
        fields = "__all__"  # want "DocumentForm exposes every model field \\(fields = \"__all__\"\\): whoever submits the form can set owner$"


class MembershipForm(forms.ModelForm):
    class Meta:
        model = Membership
        exclude = ("team",)  # want "MembershipForm uses exclude: whoever submits the form can set is_admin, user$"


class OwnerFieldsMixin(forms.Form):
    owner = forms.ModelChoiceField(queryset=None, required=False)


class TeamForm(OwnerFieldsMixin, forms.ModelForm):
    class Meta:
        model = Team
        fields = "__all__"  # want "TeamForm exposes every model field \\(fields = \"__all__\"\\): fields added to the model later become editable \\(none"


class TeamInviteForm(forms.ModelForm):
    class Meta:
        model = TeamInvite
        exclude = ("created_by",)  # want "TeamInviteForm uses exclude: fields added to the model later"


class MembershipEditForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["team", "is_admin"]  # safe: explicit list


class MembershipCreateForm(MembershipEditForm):
    class Meta(MembershipEditForm.Meta):
        exclude = ("is_admin",)  # safe: narrows the parent's field list


class DocumentSearchForm(forms.ModelForm):
    class Meta:
        model = Document
        fields = "__all__"  # want "DocumentSearchForm exposes every model field \\(fields = \"__all__\"\\): the project only fills it from the query string"


class DocumentFilterForm(forms.ModelForm):
    class Meta:
        model = Document
        fields = "__all__"  # want "DocumentFilterForm exposes every model field \\(fields = \"__all__\"\\): whoever submits the form can set owner$"


class DocumentTransferForm(forms.ModelForm):
    # Handing a document to another owner is what the form is for: it
    # narrows the choice of owners itself.
    class Meta:
        model = Document
        fields = "__all__"  # want "DocumentTransferForm exposes every model field \\(fields = \"__all__\"\\): fields added to the model later become editable \\(none"

    def __init__(self, *args, team=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = team.members.all()


class DocumentRenameForm(forms.ModelForm):
    # Its __init__ configures another field: owner is still open.
    class Meta:
        model = Document
        exclude = ("created",)  # want "DocumentRenameForm uses exclude: whoever submits the form can set owner$"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].widget.attrs["autofocus"] = True


class MembershipInviteForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["team", "user", "is_admin"]  # safe: explicit list


class MembershipImportForm(MembershipInviteForm):
    # A Meta of its own, but the parent form lists user and is_admin:
    # choosing them is the design.
    class Meta:
        model = Membership
        exclude = ("team",)  # want "MembershipImportForm uses exclude: fields added to the model later"


class TermsAgreementForm(forms.ModelForm):
    class Meta:
        model = TermsAgreement
        exclude = ()  # want "TermsAgreementForm uses exclude: fields added to the model later become editable \\(none"


class BaseDocumentForm(forms.ModelForm):
    """Shared cleaning; each form built from it lists its own fields."""

    def clean_title(self):
        return self.cleaned_data["title"].strip()

    class Meta:
        model = Document
        fields = "__all__"  # want "BaseDocumentForm exposes every model field .*, but the project uses it only as a base"


class RenameDocumentForm(BaseDocumentForm):
    class Meta(BaseDocumentForm.Meta):
        fields = ["title"]


class BaseOnlineForm(BaseDocumentForm):
    pass


class PublishDocumentForm(BaseOnlineForm):
    class Meta(BaseDocumentForm.Meta):
        fields = ["title", "published"]


class SharedBaseForm(forms.ModelForm):
    class Meta:
        model = Document
        fields = "__all__"  # want "SharedBaseForm exposes every model field \\(fields = \"__all__\"\\): whoever submits the form can set owner$"


class ShareDocumentForm(SharedBaseForm):
    class Meta(SharedBaseForm.Meta):
        fields = ["title"]


def quick_share(request):
    form = SharedBaseForm(request.POST)  # the base is bound itself: its __all__ is what is submitted
    return form


class DocumentAssignForm(forms.ModelForm):
    class Meta:
        model = Document
        exclude = ("created",)  # want "DocumentAssignForm uses exclude: fields added to the model later"
        # the owner is a choice the form shows on purpose
        widgets = {"owner": forms.Select(attrs={"class": "form-control"})}


class DocumentStampForm(forms.ModelForm):
    class Meta:
        model = Document
        exclude = ("created",)  # want "DocumentStampForm uses exclude: whoever submits the form can set owner$"
        # looks alike: a hidden owner is still sent by the client
        widgets = {"owner": forms.HiddenInput()}
        labels = {"owner": "Owner"}


class FlowBaseForm(forms.ModelForm):
    class Meta:
        model = Document
        fields = "__all__"  # want "FlowBaseForm exposes every model field .*, but the project uses it only as a base"


class DocumentActions:
    # the forms of a CRUDL's actions, nested in the classes of the actions
    class Create:
        class Form(FlowBaseForm):
            class Meta:
                model = Document
                fields = ("title",)

        form_class = Form

    class Update:
        class OnlineForm(FlowBaseForm):
            def clean_title(self):
                return self.cleaned_data["title"]

        class TitleForm(OnlineForm):
            class Meta:
                model = Document
                fields = ("title",)

        form_classes = {"title": TitleForm}


class LooseBaseForm(forms.ModelForm):
    class Meta:
        model = Document
        fields = "__all__"  # want "LooseBaseForm exposes every model field \\(fields = \"__all__\"\\): whoever submits the form can set owner$"


class LooseActions:
    class Create:
        # inherits the base's Meta: its __all__ is what is submitted
        class Form(LooseBaseForm):
            pass

        form_class = Form


class InviteInlineForm(forms.ModelForm):
    class Meta:
        model = TeamInvite
        exclude = ("team",)  # want "InviteInlineForm uses exclude: it is an admin form, which only staff submit"


class MembershipNoteForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["team"]
        exclude = ["user"]  # safe: the fields list is the allow-list; exclude only narrows it


class MembershipEverythingForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = "__all__"
        exclude = ["team"]  # want "MembershipEverythingForm uses exclude: whoever submits the form can set is_admin, user$"


def keep_configured(form, configured):
    # the fields an administrator chose for the sign-up page, and no other
    names = [c.field_name for c in configured if c.field_name in form.fields]
    for name in list(form.fields):
        if name not in names and name != "captcha":
            del form.fields[name]


class ConfiguredMembershipForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = "__all__"  # want "ConfiguredMembershipForm exposes every model field \\(fields = \"__all__\"\\), but its __init__ deletes every field that a list chosen at run time leaves out"

    def __init__(self, *args, configured=(), **kwargs):
        super().__init__(*args, **kwargs)
        keep_configured(self, configured)


class TrimmedMembershipForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = "__all__"  # want "TrimmedMembershipForm exposes every model field \\(fields = \"__all__\"\\), but its __init__ deletes"

    def __init__(self, *args, shown=(), **kwargs):
        super().__init__(*args, **kwargs)
        for name in list(self.fields.keys()):
            if name not in shown:
                self.fields.pop(name)


class LabelledMembershipForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = "__all__"  # want "LabelledMembershipForm exposes every model field \\(fields = \"__all__\"\\): whoever submits the form can set is_admin, user$"

    def __init__(self, *args, hidden=(), **kwargs):
        # looks alike: a loop over the fields that only changes their labels
        super().__init__(*args, **kwargs)
        for name in list(self.fields):
            if name not in hidden:
                self.fields[name].label = name.title()
