import tempfile


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
