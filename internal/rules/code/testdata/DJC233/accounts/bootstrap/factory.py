def default_groups():
    return ["editors", "readers"]
