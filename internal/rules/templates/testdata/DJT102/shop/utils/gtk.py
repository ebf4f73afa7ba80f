from lxml.html.clean import Cleaner


class Formatter:
    def clean_html(self, markup):
        return markup.replace("\n", "<br>")


def gtk_markup(dirty):
    # only the tags Gtk labels know, through lxml's cleaner
    cleaner = Cleaner(scripts=True, safe_attrs={"href"}, allow_tags=("b", "i", "a"), remove_unknown_tags=False)
    cleaned = cleaner.clean_html(dirty)
    return cleaned[5:-6]  # the <div> lxml wraps it in


def line_breaks(dirty):
    formatter = Formatter()
    return formatter.clean_html(dirty)
