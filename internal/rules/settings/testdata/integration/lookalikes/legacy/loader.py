def install(cls, module_name):
    import sys

    module = sys.modules[module_name]
    for name in dir(cls):
        if name.isupper():
            setattr(module, name, getattr(cls, name))
