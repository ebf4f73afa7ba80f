import tempfile

from django.conf import settings


def export(data):
    path = tempfile.mktemp(suffix=".pdf")  # want "tempfile.mktemp returns a file name"
    with open(path, "wb") as fh:
        fh.write(data)
    return path


def export_safely(data):
    with tempfile.NamedTemporaryFile(suffix=".pdf", delete=False) as fh:  # safe: created atomically
        fh.write(data)
    fd, other = tempfile.mkstemp(suffix=".pdf")  # safe: mkstemp
    return fh.name


def render_tile(data):
    tile = tempfile.mktemp("_tile.tif", dir=settings.MEDIA_TMP)  # want "tempfile.mktemp returns a file name another process can claim first; it is in settings.MEDIA_TMP, a folder of the application's own"
    return tile


def render_shared(data):
    tile = tempfile.mktemp("_tile.tif", dir="/tmp/tiles")  # want "tempfile.mktemp returns a file name another process can claim first$"
    scratch = tempfile.mktemp(dir=tempfile.gettempdir())  # want "tempfile.mktemp returns a file name another process can claim first$"
    return tile, scratch
