from django import forms

from .models import Booth, Bulletin, Classified, Column, Flyer, Publication, Tip


class BulletinForm(forms.ModelForm):
    class Meta:
        model = Bulletin
        fields = ["body"]


class TipForm(forms.ModelForm):
    class Meta:
        model = Tip
        fields = ["body_html"]


class NoticeForm(forms.ModelForm):
    class Meta:
        model = Notice
        fields = ["lead_html"]


class RemarkForm(forms.ModelForm):
    class Meta:
        model = Remark
        fields = ["text"]


class DigestForm(forms.ModelForm):
    class Meta:
        model = Digest
        fields = ["summary_html"]


class LetterForm(forms.ModelForm):
    class Meta:
        model = Letter
        fields = ["letter_html"]


class FlyerForm(forms.ModelForm):
    class Meta:
        model = Flyer
        fields = ["html"]


class PublicationForm(forms.ModelForm):
    # the base of the desk's forms, never shown itself
    class Meta:
        model = Publication
        fields = "__all__"


class ColumnForm(PublicationForm):
    class Meta:
        model = Column
        fields = ["column_html"]


class ClassifiedForm(PublicationForm):
    class Meta:
        model = Classified
        fields = ["ad_html"]


class BoothForm(forms.ModelForm):
    class Meta:
        model = Booth
        fields = ["booth_html"]
