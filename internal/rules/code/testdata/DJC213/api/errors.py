class Http403(Exception):
    """The project's refusal; its middleware answers 403."""
