from django import forms


class PreviewWidget(forms.ClearableFileInput):
    template_name = "shop/widgets/preview.html"

    def get_context(self, name, value, attrs):
        ctx = super().get_context(name, value, attrs)
        ctx["preview_id"] = "%s-preview" % ctx["widget"]["attrs"]["id"]
        ctx["preview_caption"] = ctx["widget"]["value"]
        return ctx
