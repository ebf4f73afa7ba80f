from .models import Package


def purge_unused(user):
    Package.objects.filter(usage=None).delete()


def build_notes_document(release):
    return None
oauth = None
