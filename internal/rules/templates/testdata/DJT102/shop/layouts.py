from crispy_forms.bootstrap import Alert, Tab, TabHolder
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout
from django import forms
from django.utils.translation import gettext_lazy as _

from .widgets import Card


class OrderNoteForm(forms.Form):
    note = forms.CharField()
    title = forms.CharField()

    def __init__(self, *args, banner="", **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Alert(content=_("<strong>Notes</strong> are shown to the buyer"), template="shop/crispy_alert.html"),
            Alert(content=banner, template="shop/crispy_banner.html"),
            TabHolder(Tab("General", "title"), Tab("Note", "note"), template="shop/crispy_tabs.html"),
            Card("note", template="shop/card_layout.html"),
        )
