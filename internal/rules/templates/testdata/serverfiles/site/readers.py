def quick_read(filename):
    """The text of a file, or None when it cannot be read."""
    try:
        return open(filename).read().strip()
    except OSError:
        return None
