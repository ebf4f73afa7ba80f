from django.http import FileResponse, HttpResponseBadRequest

from .forms import QuarterForm, QuarterLabelForm


def quarter_report(request):  # safe: the form this view validated holds the quarter as a number
    form = QuarterForm(request.GET)
    if not form.is_valid():
        return HttpResponseBadRequest()
    name = f"report_Q{form.cleaned_data['quarter']}_{form.cleaned_data['year']}"
    return FileResponse(open(f"/srv/reports/{name}.xlsx", "rb"))


def quarter_label_report(request):
    # looks alike: this form holds the quarter as text
    form = QuarterLabelForm(request.GET)
    if not form.is_valid():
        return HttpResponseBadRequest()
    name = f"report_Q{form.cleaned_data['quarter']}"
    return FileResponse(open(f"/srv/reports/{name}.xlsx", "rb"))  # want "file path built from request data"
