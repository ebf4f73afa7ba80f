from django import forms
from django.template.loader import render_to_string


class PriceSheet:
    rows_template = "shop/sheet_rows.html"

    def rows_table(self):
        """The sheet's rows as an HTML table."""
        raise NotImplementedError()

    def summary_markup(self):
        raise NotImplementedError


class CsvPriceSheet(PriceSheet):
    def rows_table(self):
        # an autoescaped template: what it marks safe is its own finding
        return render_to_string(self.rows_template, {"rows": self.rows})

    def summary_markup(self):
        return "<b>%s</b>" % self.title


class ConsentForm(forms.Form):
    consent = forms.BooleanField(label="I accept the terms")

    def consent_error_html(self):
        if not self.has_error("consent"):
            return None
        return f'<p class="alert">Tick "{self.fields["consent"].label}" to go on.</p>'

    def consent_value_html(self):
        return f'<p class="alert">You sent "{self.data["consent"]}".</p>'
