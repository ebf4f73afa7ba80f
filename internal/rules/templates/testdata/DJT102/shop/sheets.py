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
