from .models import Package


def purge_unused(user):
    Package.objects.filter(usage=None).delete()


def build_notes_document(release):
    return None
oauth = None


def note_opened(packages):
    for package in packages:
        package.has_been_opened = True
        package.save()


def sheet_for(package):
    from openpyxl import Workbook

    book = Workbook()
    book.active["A1"] = package.slug
    return book
